import type { PaymentRecord } from '../payments/payment-record';
import type { SmartRetailItem } from './types';

/** Pure rules of a smart-retail (cabinet) Pay Score order: the completion lines and what may happen when. */

/** WeChat's limits (FACTS.md): post_payments ≤ 100, service_introduction ≤ 20 characters, reason ≤ 50. */
export const MAX_POST_PAYMENTS = 100;
export const MAX_INTRODUCTION_CHARS = 20;
export const POST_PAYMENT_NAME = '商品信息';

export interface CompletionLine {
  name: typeof POST_PAYMENT_NAME;
  /** what was taken: the goods' name, cut to WeChat's 30 characters */
  description: string;
  /** the line's amount: quantity × unit price, fen */
  amount: number;
  count: number;
}

export type CompletionLines = { ok: true; lines: CompletionLine[]; totalFen: number } | { ok: false; reason: 'too_many_lines' | 'invalid_line' | 'empty' };

/**
 * One post_payments line per item (name 商品信息, the goods in the description), as WeChat shows
 * them on the diner's bill. Nothing taken is not a completion: the order is cancelled instead.
 */
export function completionLines(items: readonly SmartRetailItem[]): CompletionLines {
  if (items.length === 0) return { ok: false, reason: 'empty' };
  if (items.length > MAX_POST_PAYMENTS) return { ok: false, reason: 'too_many_lines' };
  const lines: CompletionLine[] = [];
  for (const item of items) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1 || !Number.isSafeInteger(item.unitPriceFen) || item.unitPriceFen < 0)
      return { ok: false, reason: 'invalid_line' };
    lines.push({
      name: POST_PAYMENT_NAME,
      description: Array.from(item.name).slice(0, 30).join(''),
      amount: item.quantity * item.unitPriceFen,
      count: item.quantity,
    });
  }
  const totalFen = lines.reduce((sum, line) => sum + line.amount, 0);
  if (!Number.isSafeInteger(totalFen)) return { ok: false, reason: 'invalid_line' };
  return { ok: true, lines, totalFen };
}

/** The service introduction WeChat shows (≤ 20 characters, counted as characters, not bytes). */
export function serviceIntroduction(title: string): string {
  return Array.from(title.trim() || '智能柜购物')
    .slice(0, MAX_INTRODUCTION_CHARS)
    .join('');
}

/** Whether a payment is a Pay Score smart-retail payment this kernel opened. */
export function isSmartRetail(payment: PaymentRecord | null): payment is PaymentRecord & { smartRetail: NonNullable<PaymentRecord['smartRetail']> } {
  return !!payment && payment.method === 'payscore' && !!payment.smartRetail;
}

export type CompletionCheck =
  | { kind: 'complete' }
  /** the same completion recorded before (a retried push): answer it again */
  | { kind: 'already' }
  | { kind: 'refused'; reason: 'not_pending' | 'completed_differently' | 'other_order' };

/** Whether this completion may be sent (and recorded) for the payment as it stands. */
export function checkCompletion(payment: PaymentRecord, orderId: string, payableFen: number): CompletionCheck {
  if (payment.payScoreCompletedAt) {
    if (payment.orderId !== orderId) return { kind: 'refused', reason: 'other_order' };
    return payment.payableFen === payableFen ? { kind: 'already' } : { kind: 'refused', reason: 'completed_differently' };
  }
  if (payment.status !== 'pending') return { kind: 'refused', reason: 'not_pending' };
  return { kind: 'complete' };
}
