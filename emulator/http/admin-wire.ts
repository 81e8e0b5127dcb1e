import type { ServerResponse } from 'node:http';

/**
 * Decodes an `/admin` request body. Database and function calls are JSON; the SDK sends the
 * `wx.*` service calls (`wx.wxPayApi`, `wx.openApi`) as multipart/form-data with binary parts
 * (`requestData`, `apiOptions`), which arrive here as Buffers.
 */
export function decodeAdminBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const boundary = /multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (!boundary) return JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // part = CRLF headers CRLF CRLF content CRLF
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const content = part.subarray(split + 4);
      const binary = /content-type:\s*application\/octet-stream/i.test(headers) || /filename=/i.test(headers);
      if (name) fields[name] = binary ? Buffer.from(content) : content.toString('utf8');
    }
    start = next;
  }
  return fields;
}

/**
 * Writes a `wx.*` service reply. The SDK reads these replies as raw bytes and treats a body sent
 * as `application/json; charset=utf-8` as a platform error, so replies go out as bytes: a Buffer
 * as is (e.g. protobuf), anything else as its JSON.
 */
export function sendWxServiceReply(res: ServerResponse, requestId: string, reply: Record<string, unknown> | Buffer): void {
  const bytes = Buffer.isBuffer(reply) ? reply : Buffer.from(JSON.stringify({ requestId, ...reply }));
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
  res.end(bytes);
}
