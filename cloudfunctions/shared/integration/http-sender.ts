/**
 * The one way an integration talks HTTP to the outside (webhooks, menu push, test connection).
 * It never throws: a refused target, a network error, a timeout or a non-2xx status comes back
 * as a result the caller records (sync log) and retries (outbox) or reports (menu push chunk).
 *
 * Every call goes through the SSRF guard (outbound-guard.ts) and connects only to the addresses
 * the guard checked. Redirects are never followed (a 3xx is a failure): a redirect could point
 * anywhere. When no response arrives, the caller gets one fixed message and no timing, whatever
 * the cause; the cause goes to the function log.
 */
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { createLogger } from '../kit/logger';
import { checkOutboundUrl, OUTBOUND_UNAVAILABLE_MESSAGE, type GuardOptions, type ResolvedAddress } from './outbound-guard';

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
  /** 0 when no response arrived: timing would tell a closed port from a filtered one */
  durationMs: number;
  /** short, secret-free reason when ok is false */
  error?: string;
}

/** Replies can be large (a POS echoing a menu); we only need enough to parse a result. */
const MAX_REPLY_CHARS = 1_000_000;

/**
 * Extra trust anchors (PEM) for outbound TLS, from configuration: the emulator sets it to its
 * simulators' locally generated certificate. Unset in the cloud, where the public roots apply.
 */
export const OUTBOUND_CA_ENV = 'OUTBOUND_CA_PEM';

let caCache: { pem: string; ca: string[] } | undefined;
function trustedCas(): string[] | undefined {
  const pem = process.env[OUTBOUND_CA_ENV];
  if (!pem) return undefined;
  if (caCache?.pem !== pem) caCache = { pem, ca: [...rootCertificates, pem] };
  return caCache.ca;
}

/** A `lookup` that answers only with the checked addresses, whatever DNS would say now. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  }) as LookupFunction;
}

function unavailable(url: string, reason: string): OutboundHttpResult {
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    host = '(invalid)';
  }
  createLogger('outbound').warn('outbound call without a response', { host, reason });
  return { ok: false, status: 0, text: '', durationMs: 0, error: OUTBOUND_UNAVAILABLE_MESSAGE };
}

export async function sendHttp(request: OutboundHttpRequest, guard: GuardOptions = {}): Promise<OutboundHttpResult> {
  const started = Date.now();
  // The resolver has no timeout of its own: a hanging DNS answer must not outlast the caller's budget.
  let dnsTimer: NodeJS.Timeout | undefined;
  const checked = await Promise.race([
    checkOutboundUrl(request.url, guard),
    new Promise<{ ok: false; reason: string }>((resolve) => {
      dnsTimer = setTimeout(() => resolve({ ok: false, reason: `resolve: timeout after ${request.timeoutMs} ms` }), request.timeoutMs);
    }),
  ]).finally(() => clearTimeout(dnsTimer));
  if (!checked.ok) return unavailable(request.url, checked.reason);
  const { target } = checked;
  const remaining = Math.max(1, request.timeoutMs - (Date.now() - started));
  const body = request.method === 'GET' ? undefined : (request.body ?? '');
  return new Promise<OutboundHttpResult>((resolve) => {
    let settled = false;
    const finish = (result: OutboundHttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = httpsRequest(
      {
        method: request.method,
        host: target.hostname,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        headers: { ...request.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        lookup: pinnedLookup(target.addresses),
        ca: trustedCas(),
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < MAX_REPLY_CHARS) text += chunk;
          else res.destroy();
        });
        const done = () => {
          const status = res.statusCode ?? 0;
          const durationMs = Date.now() - started;
          text = text.slice(0, MAX_REPLY_CHARS);
          if (status >= 200 && status < 300) return finish({ ok: true, status, text, durationMs });
          const error = status >= 300 && status < 400 ? `HTTP ${status}（不跟随重定向）` : `HTTP ${status}`;
          finish({ ok: false, status, text, durationMs, error });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => done());
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(unavailable(request.url, `timeout after ${request.timeoutMs} ms`));
    }, remaining);
    req.on('error', (error: NodeJS.ErrnoException) => finish(unavailable(request.url, error.code ?? error.message)));
    req.end(body);
  });
}
