/** Turns a batch-level vendor reply into per-item results. */
import type { MenuPushItemResult, VendorReply } from './types';

export function sameResultForAll(itemIds: readonly string[], success: boolean, reason?: string): MenuPushItemResult[] {
  return itemIds.map((itemId) => (success ? { itemId, success } : { itemId, success, reason: reason ?? '推送失败' }));
}

/** The reply body as JSON, or the Chinese reason why it cannot be used. */
export function readJsonReply(reply: VendorReply, vendorName: string): { ok: true; json: unknown } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(reply.body);
  } catch {
    json = undefined;
  }
  if (reply.statusCode < 200 || reply.statusCode >= 300) {
    const message = messageOf(json);
    return { ok: false, reason: `${vendorName}返回 HTTP ${reply.statusCode}${message ? `: ${message}` : ''}` };
  }
  if (json === undefined) return { ok: false, reason: `${vendorName}回复不是合法的 JSON` };
  return { ok: true, json };
}

function messageOf(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const record = json as Record<string, unknown>;
  for (const key of ['message', 'msg', 'errorMessage']) if (typeof record[key] === 'string' && record[key]) return record[key] as string;
  return undefined;
}
