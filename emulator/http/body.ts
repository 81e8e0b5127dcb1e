import type { IncomingMessage, ServerResponse } from 'node:http';
import { tooDeep } from './json-depth';

/** CloudBase's HTTP access and callFunction payload cap; every emulator endpoint reads bodies through readBody. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** An error the server answers with its status (server.ts); `discardBody` when the rest of the body is left unread. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly discardBody = false,
    readonly code = 'EMULATOR_ERROR',
  ) {
    super(message);
  }
}

function tooLarge(): HttpError {
  return new HttpError(413, 'request body too large', true);
}

/**
 * The one body reader: the whole body, or a 413 as soon as it is known to exceed `limit` — from
 * Content-Length before reading anything, else when the streamed bytes pass it. Nothing past the
 * limit is kept; the server answers with sendDiscardingBody.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(tooLarge());
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
  if (tooDeep(text)) return undefined;
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

/** How long a connection answered before its body was read keeps discarding what the client still sends. */
const LINGER_MS = 1000;

/**
 * Answers a request whose body was not read (or not all of it) and closes the connection. Ending
 * at once would close the socket with the client's bytes unread — a TCP reset, which can make the
 * client's side drop the reply before reading it. So the whole reply goes out first (its
 * Content-Length tells the client it is complete), what the client still sends is thrown away
 * unbuffered, and the connection closes when the client stops or after LINGER_MS.
 */
export function sendDiscardingBody(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), connection: 'close' });
  res.write(text);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    res.end();
  };
  const timer = setTimeout(end, LINGER_MS);
  req.removeAllListeners('data');
  req.on('end', end);
  req.on('close', end);
  req.resume();
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value || undefined;
}
