import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { upstreamPath, type HttpAccessRoute } from '../routes';
import type { EndpointContext } from '../types';
import { readBody, sendJson } from './body';
import { MAX_JSON_DEPTH, tooDeep } from './json-depth';

function isTextual(contentType: string | undefined): boolean {
  return !contentType || /json|text|xml|x-www-form-urlencoded|javascript/i.test(contentType);
}

/** CloudBase HTTP access: request → HTTP-access event → function → response. */
export async function handleGateway(
  req: IncomingMessage,
  res: ServerResponse,
  { emulator }: EndpointContext,
  route: HttpAccessRoute,
  requestUrl: URL,
): Promise<void> {
  const raw = await readBody(req);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // No x-original-uri: CloudBase's documented HTTP access event has none, so functions rebuild
  // the query string from queryStringParameters here exactly as they must in the cloud.
  // Like any proxy, the gateway appends the address it received the request from.
  const peer = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${peer}` : peer;
  const textual = isTextual(headers['content-type']);
  // The function parses a JSON body itself; absurd nesting is refused before it can (json-depth.ts).
  if (/json/i.test(headers['content-type'] ?? '') && tooDeep(raw.toString('utf8'))) {
    return sendJson(res, 400, { code: 'REQUEST_TOO_DEEP', message: `request body nests deeper than ${MAX_JSON_DEPTH} levels` });
  }
  const event = {
    path: upstreamPath(route, requestUrl.pathname),
    httpMethod: req.method ?? 'GET',
    headers,
    queryStringParameters: Object.fromEntries(requestUrl.searchParams.entries()),
    requestContext: { requestId: randomUUID(), envId: emulator.envId, appId: emulator.appId, uin: '' },
    body: raw.length ? (textual ? raw.toString('utf8') : raw.toString('base64')) : '',
    isBase64Encoded: raw.length > 0 && !textual,
  };
  const outcome = await emulator.runtime.invoke(route.functionName, event, { clientIp: req.socket.remoteAddress, source: 'wx_http' });
  if (!outcome.ok) return sendJson(res, 502, { code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.errorMessage, requestId: outcome.requestId });
  const result = outcome.result as { statusCode?: number; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: boolean } | string | null;
  if (typeof result === 'string') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(result);
    return;
  }
  if (result && typeof result === 'object' && typeof result.statusCode === 'number') {
    const body = typeof result.body === 'string' ? result.body : JSON.stringify(result.body ?? '');
    res.writeHead(result.statusCode, result.headers ?? {});
    res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
    return;
  }
  return sendJson(res, 200, result);
}
