import { z } from 'zod';

/**
 * The events WeChat Pay (through cloudPay) sends to the callback function: camelCase fields,
 * fees in fen as numbers. Only successful payments are notified; refunds carry `reqInfo`.
 */
export const payNotificationSchema = z.object({
  returnCode: z.string(),
  resultCode: z.string(),
  outTradeNo: z.string().min(1).max(32),
  transactionId: z.string().min(1),
  totalFee: z.coerce.number().int().nonnegative(),
  cashFee: z.coerce.number().int().nonnegative().optional(),
  subOpenid: z.string().optional(),
  openid: z.string().optional(),
  timeEnd: z.string().optional(),
  subMchId: z.string().optional(),
});
export type PayNotification = z.infer<typeof payNotificationSchema>;

export const refundNotificationSchema = z.object({
  returnCode: z.string(),
  subMchId: z.string().optional(),
  reqInfo: z.object({
    transactionId: z.string().optional(),
    outTradeNo: z.string().min(1),
    refundId: z.string().optional(),
    outRefundNo: z.string().min(1),
    totalFee: z.coerce.number().int().nonnegative(),
    refundFee: z.coerce.number().int().nonnegative(),
    refundStatus: z.string(),
    successTime: z.string().optional(),
  }),
});
export type RefundNotification = z.infer<typeof refundNotificationSchema>;

export function isPayNotification(event: unknown): boolean {
  const e = event as Record<string, unknown> | null;
  return !!e && typeof e === 'object' && !('action' in e) && typeof e.outTradeNo === 'string' && typeof e.returnCode === 'string';
}

export function isRefundNotification(event: unknown): boolean {
  const e = event as Record<string, unknown> | null;
  return !!e && typeof e === 'object' && !('action' in e) && typeof e.returnCode === 'string' && typeof e.reqInfo === 'object' && e.reqInfo !== null;
}

/**
 * What WeChat's queryOrder answered about a notified payment. Anyone who can call the function
 * can send an event shaped like a notification, so the notification only says "go and ask":
 * what settles the payment is WeChat's own answer.
 */
export interface QueriedTrade {
  tradeState: string;
  transactionId?: string;
  totalFee?: number;
  timeEnd?: string;
}

export type PayConfirmation =
  | { confirmed: true; transactionId: string; reportedFen: number; timeEnd?: string }
  | { confirmed: false; reason: 'not_paid' | 'transaction_mismatch'; tradeState: string };

/** Trade states in which WeChat holds (or held) the diner's money for this out_trade_no. */
const PAID_TRADE_STATES = new Set(['SUCCESS', 'REFUND']);

/**
 * The notification is confirmed only when WeChat says the trade is paid AND names the same
 * transaction. The amount that counts is what WeChat reports it charged (checked by the caller).
 */
export function confirmPayNotification(notification: Pick<PayNotification, 'transactionId'>, trade: QueriedTrade): PayConfirmation {
  if (!PAID_TRADE_STATES.has(trade.tradeState)) return { confirmed: false, reason: 'not_paid', tradeState: trade.tradeState };
  if (!trade.transactionId || trade.transactionId !== notification.transactionId) {
    return { confirmed: false, reason: 'transaction_mismatch', tradeState: trade.tradeState };
  }
  // A paid trade without an amount is reported as -1: it can never equal a payable amount.
  return { confirmed: true, transactionId: trade.transactionId, reportedFen: trade.totalFee ?? -1, ...(trade.timeEnd ? { timeEnd: trade.timeEnd } : {}) };
}

/** What to do with a refund, by WeChat's queryRefund state (never by the notification's say-so). */
export type RefundResolution = 'complete' | 'fail' | 'wait' | 'unknown';

export function resolveRefundState(state: string): RefundResolution {
  if (state === 'SUCCESS') return 'complete';
  if (state === 'CHANGE' || state === 'REFUNDCLOSE') return 'fail';
  if (state === 'PROCESSING') return 'wait';
  return 'unknown';
}

export type AmountCheck = { ok: true } | { ok: false; expectedFen: number; reportedFen: number };

/** WeChat's total_fee must equal what we asked for; anything else is investigated, never credited. */
export function checkPaidAmount(expectedFen: number, reportedFen: number): AmountCheck {
  return expectedFen === reportedFen ? { ok: true } : { ok: false, expectedFen, reportedFen };
}

/** WeChat's time_end is yyyyMMddHHmmss in Beijing time. */
export function parseTimeEnd(timeEnd: string | undefined, fallback: Date): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timeEnd ?? '');
  if (!m) return fallback;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
}

/** What the callback function answers: errcode 0 stops WeChat's retries. */
export const CALLBACK_OK = { errcode: 0, errmsg: 'OK' } as const;
export const CALLBACK_RETRY = { errcode: -1, errmsg: 'RETRY' } as const;
