import { createHash } from 'node:crypto';

/**
 * Deterministic ids make every step idempotent without a lookup: the same diner tapping 开门 with
 * the same requestId gets the same session; the same vendor order code is the same order.
 */
const digest = (text: string, length: number) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);

/** The session of (diner, client requestId); it is also the requestId we send the vendor. */
export function sessionIdFor(openid: string, requestId: string): string {
  return `CS${digest(`session:${openid}:${requestId}`, 24)}`;
}

/** The order of a vendor order code (小麦订单号): pushing it twice finds the same order. */
export function orderIdFor(vendor: string, orderCode: string): string {
  return `cab_${digest(`order:${vendor}:${orderCode}`, 24)}`;
}

/** What the vendor knows of a diner: opaque, stable, neither openid nor phone. */
export function userCodeFor(openid: string): string {
  return `U${digest(`user:${openid}`, 20)}`;
}

/** A job (vendor message processing, retried call) per subject: the same subject never queues twice. */
export function jobIdFor(kind: string, subject: string): string {
  return `${kind}:${subject}`.slice(0, 120);
}

export function taskIdFor(kind: string, subject: string): string {
  return `T${digest(`task:${kind}:${subject}`, 24)}`;
}
