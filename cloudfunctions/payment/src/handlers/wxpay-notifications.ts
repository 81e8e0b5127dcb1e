import { PlatformSources } from '../../../shared/kit/caller';
import type { ActionContext } from '../../../shared/kit/function';
import {
  CALLBACK_OK,
  CALLBACK_RETRY,
  confirmPayNotification,
  isPayNotification,
  isRefundNotification,
  parseTimeEnd,
  payNotificationSchema,
  refundNotificationSchema,
  resolveRefundState,
} from '../domain/pay-notification';
import { isPaymentId, isRefundId } from '../domain/payment-ids';
import { queryOrder, queryRefund } from '../gateways/cloudpay-gateway';
import { findPayment } from '../repositories/payment-repository';
import { completeRefund, failRefund } from '../repositories/refund-transactions';
import { settlePayment } from '../repositories/settle-transactions';

/**
 * cloudPay invokes this function with the pay and refund notifications (not `{action}` events).
 *
 * A notification is never trusted on its own: any mini-program user can call this function with
 * an event of the same shape. It only names the trade; WeChat's own answer (queryOrder /
 * queryRefund through the cloudPay gateway) decides. What WeChat does not confirm changes
 * nothing and answers {errcode: 0}, so a forgery is not retried forever; a query that FAILED
 * answers {errcode: -1}, so the real WeChat resends the real notification later.
 *
 * The reply decides WeChat's retries: {errcode: 0} stops them. It is sent whenever retrying cannot
 * change the outcome — including an amount mismatch, which is flagged for staff instead: WeChat
 * would resend the same wrong amount for two days and nothing would get better.
 */
export const wxPayNotifications = {
  // cloudPay invokes the callback function with SOURCE wx_paycallback; nothing else may settle.
  source: PlatformSources.PAY_CALLBACK,
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
  if (!isPaymentId(n.outTradeNo)) {
    ctx.log.warn('pay notification for a trade that is not ours', { outTradeNo: n.outTradeNo.slice(0, 32) });
    return CALLBACK_OK;
  }

  let trade;
  try {
    trade = await queryOrder(n.outTradeNo);
  } catch (error) {
    ctx.log.error('pay notification could not be confirmed with WeChat, it will retry', { paymentId: n.outTradeNo, error: (error as Error).message });
    return CALLBACK_RETRY;
  }
  const confirmation = confirmPayNotification(n, trade);
  if (!confirmation.confirmed) {
    ctx.log.warn('pay notification not confirmed by WeChat, ignored', {
      paymentId: n.outTradeNo,
      reason: confirmation.reason,
      tradeState: confirmation.tradeState,
      notifiedTransactionId: n.transactionId.slice(0, 40),
      caller: ctx.caller.openid ?? null,
    });
    return CALLBACK_OK;
  }

  try {
    const outcome = await settlePayment({
      paymentId: n.outTradeNo,
      transactionId: confirmation.transactionId,
      // What WeChat says it charged, not what the event claims.
      reportedFen: confirmation.reportedFen,
      paidAt: parseTimeEnd(confirmation.timeEnd ?? n.timeEnd, new Date()),
      source: 'wxpay_notify',
    });
    if (outcome.kind === 'amount_mismatch')
      ctx.log.error('pay notification amount mismatch', { paymentId: n.outTradeNo, expectedFen: outcome.expectedFen, reportedFen: outcome.reportedFen });
    else if (outcome.kind === 'duplicate')
      ctx.log.error('second payment for an already paid order, needs a refund', { paymentId: n.outTradeNo, paidBy: outcome.paidBy });
    else if (outcome.kind === 'not_found' || outcome.kind === 'not_pending')
      ctx.log.warn('pay notification not applied', { paymentId: n.outTradeNo, outcome: outcome.kind });
    else ctx.log.info('pay notification', { paymentId: n.outTradeNo, outcome: outcome.kind });
    return CALLBACK_OK;
  } catch (error) {
    // Lost a race with a concurrent duplicate? Then the payment is already settled by it.
    const payment = await findPayment(n.outTradeNo).catch(() => null);
    if (payment?.transactionId === confirmation.transactionId && payment.status !== 'pending') return CALLBACK_OK;
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
  if (!isRefundId(info.outRefundNo)) {
    ctx.log.warn('refund notification for a refund that is not ours', { outRefundNo: info.outRefundNo.slice(0, 32) });
    return CALLBACK_OK;
  }
  let state;
  try {
    state = await queryRefund(info.outRefundNo);
  } catch (error) {
    ctx.log.error('refund notification could not be confirmed with WeChat, it will retry', { refundId: info.outRefundNo, error: (error as Error).message });
    return CALLBACK_RETRY;
  }
  const resolution = resolveRefundState(state.state);
  if (resolution === 'wait' || resolution === 'unknown') {
    ctx.log.warn('refund notification not confirmed by WeChat, ignored', {
      refundId: info.outRefundNo,
      notifiedStatus: info.refundStatus,
      wechatState: state.state,
      caller: ctx.caller.openid ?? null,
    });
    return CALLBACK_OK;
  }
  try {
    if (resolution === 'complete') {
      const outcome = await completeRefund({
        refundId: info.outRefundNo,
        reportedFen: state.refundFee,
        wxRefundId: state.refundId,
        source: 'wxpay_notify',
        wechatConfirmed: true,
      });
      if (outcome.kind === 'busy') {
        // WeChat paid out a refund recorded as failed while another refund is in progress: it is
        // applied once that one ends; until then WeChat keeps resending.
        ctx.log.error('refund recorded as failed succeeded at WeChat; waiting for the refund in progress', { refundId: info.outRefundNo });
        return CALLBACK_RETRY;
      }
      if (outcome.kind === 'refunded' && outcome.reopened)
        ctx.log.error('refund recorded as failed succeeded at WeChat; completed now, staff should check', {
          refundId: info.outRefundNo,
          refundFen: state.refundFee,
        });
      else if (outcome.kind === 'mismatch' || outcome.kind === 'not_found')
        ctx.log.error('refund WeChat completed could not be applied', { refundId: info.outRefundNo, outcome: outcome.kind, ...outcome });
      else ctx.log.info('refund notification', { refundId: info.outRefundNo, outcome: outcome.kind });
    } else {
      await failRefund(info.outRefundNo, `wechat_${state.state.toLowerCase()}`, 'wxpay_notify');
      ctx.log.warn('refund failed at WeChat', { refundId: info.outRefundNo, status: state.state });
    }
    return CALLBACK_OK;
  } catch (error) {
    ctx.log.error('refund notification failed, WeChat will retry', { refundId: info.outRefundNo, error: (error as Error).message });
    return CALLBACK_RETRY;
  }
}
