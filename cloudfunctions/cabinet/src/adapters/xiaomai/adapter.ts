import type { z } from 'zod';
import { sendHttp } from '../../../../shared/integration/http-sender';
import { signedHeaders } from '../../../../shared/integration/sign-outbound';
import type { CabinetVendorAdapter, VendorCallResult, VendorEndpoint } from '../types';
import { OUTBOUND_CALLS, vendorReplySchema, type OutboundCall } from './protocol';

/**
 * The 小麦 adapter: the request is checked against the protocol before it leaves, signed with the
 * platform scheme (same secret both ways), sent through the one outbound HTTP path (SSRF guard,
 * no redirects), and the reply is checked against the protocol too.
 */
async function call<K extends OutboundCall>(
  endpoint: VendorEndpoint,
  name: K,
  request: z.input<(typeof OUTBOUND_CALLS)[K]['request']>,
  timeoutMs: number,
): Promise<VendorCallResult<z.output<(typeof OUTBOUND_CALLS)[K]['reply']>>> {
  const spec = OUTBOUND_CALLS[name];
  const body = JSON.stringify(spec.request.parse(request));
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}${spec.path}`;
  const headers = { 'content-type': 'application/json', ...signedHeaders({ method: 'POST', url, body, apiKey: endpoint.apiKey, secret: endpoint.secret }) };
  const result = await sendHttp({ method: 'POST', url, headers, body, timeoutMs });
  if (result.status === 0 || result.status >= 500) {
    return { ok: false, retryable: true, errorCode: null, message: result.error ?? `厂商接口 HTTP ${result.status}`, status: result.status };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.text);
  } catch {
    return { ok: false, retryable: true, errorCode: null, message: '厂商应答不是 JSON', status: result.status };
  }
  const reply = vendorReplySchema(spec.reply).safeParse(parsed);
  if (!reply.success) return { ok: false, retryable: true, errorCode: null, message: '厂商应答格式不符合协议', status: result.status };
  if (reply.data.code !== 0 || !result.ok || reply.data.data === null) {
    return { ok: false, retryable: false, errorCode: reply.data.errorCode ?? null, message: reply.data.message || '厂商拒绝了请求', status: result.status };
  }
  return { ok: true, data: reply.data.data as z.output<(typeof OUTBOUND_CALLS)[K]['reply']> };
}

export const xiaomaiAdapter: CabinetVendorAdapter = {
  openDoor: (endpoint, command, timeoutMs) => call(endpoint, 'openDoor', command, timeoutMs),
  queryDoor: (endpoint, query, timeoutMs) => call(endpoint, 'queryDoor', query, timeoutMs),
  bindDevice: (endpoint, command, timeoutMs) => call(endpoint, 'bindDevice', command, timeoutMs),
};
