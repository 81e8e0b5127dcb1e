/**
 * The one way an integration talks HTTP to the outside (webhooks, menu push, test connection).
 * It never throws: a network error, a timeout or a non-2xx status comes back as a result the
 * caller records (sync log) and retries (outbox) or reports (menu push chunk).
 */
export interface OutboundHttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface OutboundHttpResult {
  ok: boolean;
  /** HTTP status, 0 when no response arrived */
  status: number;
  text: string;
  durationMs: number;
  /** short, secret-free reason when ok is false */
  error?: string;
}

/** Replies can be large (a POS echoing a menu); we only need enough to parse a result. */
const MAX_REPLY_CHARS = 1_000_000;

export async function sendHttp(request: OutboundHttpRequest): Promise<OutboundHttpResult> {
  const started = Date.now();
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? undefined : request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'manual',
    });
    const text = (await response.text()).slice(0, MAX_REPLY_CHARS);
    const durationMs = Date.now() - started;
    if (response.ok) return { ok: true, status: response.status, text, durationMs };
    return { ok: false, status: response.status, text, durationMs, error: `HTTP ${response.status}` };
  } catch (error) {
    const durationMs = Date.now() - started;
    const name = (error as Error)?.name;
    const reason = name === 'TimeoutError' || name === 'AbortError' ? `timeout after ${request.timeoutMs} ms` : describeNetworkError(error);
    return { ok: false, status: 0, text: '', durationMs, error: reason };
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'network error';
}
