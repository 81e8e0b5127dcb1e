import type { ActionContext } from '../../../shared/kit/function';
import {
  CALLBACK_OK,
  CALLBACK_RETRY,
  isPayNotification,
  isRefundNotification,
  parseTimeEnd,
  payNotificationSchema,
  refundNotificationSchema,
} from '../domain/pay-notification';
import { findPayment } from '../repositories/payment-repository';
import { completeRefund, failRefund, settlePayment } from '../repositories/payment-transactions';

/**
 * cloudPay invokes this function with the pay and refund notifications (not `{action}` events).
 * The reply decides WeChat's retries: {errcode: 0} stops them. It is sent whenever retrying cannot
 * change the outcome — including an amount mismatch, which is flagged for staff instead: WeChat
 * would resend the same wrong amount for two days and nothing would get better.
 */
export const wxPayNotifications = {
  match: (event: unknown) => isPayNotification(event) || isRefundNotification(event),
  handle: async (event: unknown, ctx: ActionContext) => (isRefundNotification(event) ? handleRefund(event, ctx) : handlePay(event, ctx)),
};

async function handlePay(event: unknown, ctx: ActionContext) {
  const parsed = payNotificationSchema.safeParse(event);
  if (!parsed.success) {
    ctx.log.warn('malformed pay notification', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
    return CALLBACK_OK;
  }
  const n = parsed.data;
  if (n.returnCode !== 'SUCCESS' || n.resultCode !== 'SUCCESS') return CALLBACK_OK;
  try {
    const outcome = await settlePayment({
      paymentId: n.outTradeNo,
      transactionId: n.transactionId,
      reportedFen: n.totalFee,
      paidAt: parseTimeEnd(n.timeEnd, new Date()),
      source: 'wxpay_notify',
    });
    if (outcome.kind === 'amount_mismatch')
      ctx.log.error('pay notification amount mismatch', { paymentId: n.outTradeNo, expectedFen: outcome.expectedFen, reportedFen: outcome.reportedFen });
    else if (outcome.kind === 'not_found' || outcome.kind === 'not_pending')
      ctx.log.warn('pay notification not applied', { paymentId: n.outTradeNo, outcome: outcome.kind });
    else ctx.log.info('pay notification', { paymentId: n.outTradeNo, outcome: outcome.kind });
    return CALLBACK_OK;
  } catch (error) {
    // Lost a race with a concurrent duplicate? Then the payment is already settled by it.
    const payment = await findPayment(n.outTradeNo).catch(() => null);
    if (payment?.transactionId === n.transactionId && payment.status !== 'pending') return CALLBACK_OK;
    ctx.log.error('pay notification failed, WeChat will retry', { paymentId: n.outTradeNo, error: (error as Error).message });
    return CALLBACK_RETRY;
  }
}

async function handleRefund(event: unknown, ctx: ActionContext) {
  const parsed = refundNotificationSchema.safeParse(event);
  if (!parsed.success) {
    ctx.log.warn('malformed refund notification', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
    return CALLBACK_OK;
  }
  const info = parsed.data.reqInfo;
  try {
    if (info.refundStatus === 'SUCCESS') {
      const outcome = await completeRefund({ refundId: info.outRefundNo, reportedFen: info.refundFee, wxRefundId: info.refundId, source: 'wxpay_notify' });
      ctx.log.info('refund notification', { refundId: info.outRefundNo, outcome: outcome.kind });
    } else {
      await failRefund(info.outRefundNo, info.refundStatus, 'wxpay_notify');
      ctx.log.warn('refund failed at WeChat', { refundId: info.outRefundNo, status: info.refundStatus });
    }
    return CALLBACK_OK;
  } catch (error) {
    ctx.log.error('refund notification failed, WeChat will retry', { refundId: info.outRefundNo, error: (error as Error).message });
    return CALLBACK_RETRY;
  }
}
