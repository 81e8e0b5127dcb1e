import { randomBytes } from 'node:crypto';
import { toShanghai } from '../domain/time';

/** `P` + Shanghai time to the second + 12 hex: 27 chars (≤ WeChat's 32), sortable by creation time. */
export function newPaymentId(now: Date = new Date()): string {
  return `P${toShanghai(now, 'YYYYMMDDHHmmss')}${randomBytes(6).toString('hex')}`;
}
