import type { z } from 'zod';
import { AppError, CommonErrors } from './errors';
import type { Envelope } from './envelope';

/** The event CloudBase HTTP access hands a function. */
export interface HttpAccessEvent {
  path: string;
  httpMethod: string;
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined> | null;
  requestContext?: { requestId?: string; sourceIp?: string; [key: string]: unknown };
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

export interface HttpRequest {
  method: string;
  path: string;
  /** path plus the query string exactly as sent, as signatures cover it */
  pathWithQuery: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** lower-cased header names */
  headers: Record<string, string>;
  rawBody: string;
  ip?: string;
}

export function isHttpAccessEvent(event: unknown): event is HttpAccessEvent {
  const e = event as Partial<HttpAccessEvent> | null;
  return !!e && typeof e.httpMethod === 'string' && typeof e.path === 'string';
}

export function toHttpRequest(event: HttpAccessEvent): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[key.toLowerCase()] = String(value);
  }
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) query[key] = String(value);
  }
  const body = typeof event.body === 'string' ? event.body : '';
  const rawBody = event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  const search = new URLSearchParams(query).toString();
  // Each proxy appends the address it received the request from, so only the last hop (added by
  // CloudBase's own gateway) is trustworthy; earlier entries are whatever the client sent.
  const forwarded = headers['x-forwarded-for']?.split(',').pop()?.trim();
  return {
    method: event.httpMethod.toUpperCase(),
    path: event.path,
    pathWithQuery: originalUri(headers['x-original-uri'], event.path, query) ?? (search ? `${event.path}?${search}` : event.path),
    params: {},
    query,
    headers,
    rawBody,
    ip: forwarded || (event.requestContext?.sourceIp as string | undefined),
  };
}

/**
 * The request line with the exact query-string bytes (what a signature covers), when a header
 * carries it. A header is only a claim (a client can send one): it is used only when it names the
 * path being served AND its query parses to exactly the parameters the gateway passed the function,
 * so a signature can never cover a different query than the one the route acts on.
 */
function originalUri(header: string | undefined, path: string, query: Record<string, string>): string | undefined {
  if (!header) return undefined;
  const mark = header.indexOf('?');
  if ((mark === -1 ? header : header.slice(0, mark)) !== path) return undefined;
  const claimed = [...new URLSearchParams(mark === -1 ? '' : header.slice(mark + 1))];
  const actual = Object.entries(query);
  const same =
    claimed.length === actual.length &&
    new Set(claimed.map(([k]) => k)).size === claimed.length &&
    claimed.every(([key, value]) => Object.hasOwn(query, key) && query[key] === value);
  return same ? header : undefined;
}

/** Compiles `/v1/pos/webhooks/{integrationId}` into a matcher. */
export function compilePath(pattern: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  const source = pattern
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => {
      const m = /^\{(\w+)\}$/.exec(segment);
      if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  const regex = new RegExp(`^${source}/?$`);
  return (path) => {
    const match = regex.exec(path);
    if (!match) return null;
    return Object.fromEntries(names.map((name, i) => [name, decodePathSegment(name, match[i + 1])]));
  };
}

function decodePathSegment(name: string, segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AppError(CommonErrors.VALIDATION_FAILED, { message: `路径参数 ${name} 不是合法的 URL 编码`, details: { field: name } });
  }
}

export function parseJsonBody(rawBody: string): unknown {
  if (!rawBody) return {};
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new AppError(CommonErrors.INVALID_JSON);
  }
}

export function jsonReply(statusCode: number, body: Envelope | unknown, headers: Record<string, string> = {}): HttpReply {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export type InferOr<S, Fallback> = S extends z.ZodType ? z.infer<S> : Fallback;
