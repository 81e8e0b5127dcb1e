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
