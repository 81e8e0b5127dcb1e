import type { IncomingMessage, ServerResponse } from 'node:http';

/** CloudBase's HTTP access and callFunction payload cap; every emulator endpoint reads bodies through readBody. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** An error the server answers with its status (server.ts); `closeConnection` when the rest of the body is left unread. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly closeConnection = false,
  ) {
    super(message);
  }
}

function tooLarge(): HttpError {
  return new HttpError(413, 'request body too large', true);
}

/**
 * The one body reader: the whole body, or a 413 as soon as it is known to exceed `limit` — from
 * Content-Length before reading anything, else when the streamed bytes pass it. Reading then
 * stops: pausing instead of destroying the socket lets the client receive the 413.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.pause();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(tooLarge());
        req.removeAllListeners('data');
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A JSON object body; undefined when it is not JSON (each endpoint answers that in its own dialect). */
export function parseJsonObject(raw: Buffer): Record<string, unknown> | undefined {
  const text = raw.toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value || undefined;
}
