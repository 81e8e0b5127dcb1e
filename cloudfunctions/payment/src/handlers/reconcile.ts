import type { ActionContext, TimerEvent } from '../../../shared/kit/function';
import { timingConfig } from '../config';
import { hasGatewayOrder, refuseCloseOnNotExist } from '../domain/gateway-call';
import type { PaymentRecord } from '../domain/payment-record';
import { parseTimeEnd } from '../domain/pay-notification';
import { mayFailUnknownRefund } from '../domain/refund-plan';
import { closeOrder, queryOrder, queryRefund } from '../gateways/cloudpay-gateway';
import { endServiceOrder, findServiceOrder } from '../gateways/payscore-client';
import { findStalePendingPayments, findStaleProcessingRefunds } from '../repositories/payment-repository';
import { closePayment, closePendingPayment, failPayment } from '../repositories/open-close-transactions';
import { completeRefund, failRefund } from '../repositories/refund-transactions';
import { settlePayment } from '../repositories/settle-transactions';

type Result = 'settled' | 'closed' | 'failed' | 'waiting' | 'abnormal' | 'error';

/**
 * Timer: payments still pending N minutes after creation are asked about (WeChat only notifies
 * success, and a notification can be lost). Paid → settled as the notification would; expired →
 * closed at WeChat first (so it can no longer be paid), then here — and never on WeChat's "does
 * not exist" alone while its WeChat order may still be being created.
 */
export async function reconcilePendingPayments(_event: TimerEvent, ctx: ActionContext, now = new Date()) {
  const timing = timingConfig();
  const stale = await findStalePendingPayments(new Date(now.getTime() - timing.PAYMENT_RECONCILE_AFTER_MINUTES * 60_000));
  const expiredBefore = now.getTime() - timing.PAYMENT_EXPIRE_MINUTES * 60_000;
  const counts: Record<Result, number> = { settled: 0, closed: 0, failed: 0, waiting: 0, abnormal: 0, error: 0 };
  for (const payment of stale) {
    let result: Result;
    try {
      const expired = new Date(payment.createdAt).getTime() < expiredBefore;
      result = payment.method === 'payscore' ? await reconcilePayScore(payment, expired) : await reconcileWechat(payment, expired);
    } catch (error) {
      ctx.log.error('reconcile failed', { paymentId: payment._id, error: (error as Error).message });
      result = 'error';
    }
    counts[result] += 1;
  }
  const refunds = await reconcileRefunds(new Date(now.getTime() - timing.PAYMENT_RECONCILE_AFTER_MINUTES * 60_000), ctx);
  ctx.log.info('reconciled', { checked: stale.length, ...counts, refunds });
  return { checked: stale.length, ...counts, refunds };
}

/**
 * Refunds stuck in processing: asked about, then finished exactly as their notification would.
 * CHANGE / REFUNDCLOSE are WeChat's final word. "No such refund" is believed only long after the
 * last send: a retried staff request may have just re-sent the same out_refund_no, and failing it
 * then would free the payment for a second refund while WeChat pays out this one.
 */
async function reconcileRefunds(before: Date, ctx: ActionContext): Promise<{ checked: number; refunded: number; failed: number; waiting: number }> {
  const stale = await findStaleProcessingRefunds(before);
  const counts = { checked: stale.length, refunded: 0, failed: 0, waiting: 0 };
  for (const refund of stale) {
    try {
      const state = await queryRefund(refund._id);
      if (state.state === 'SUCCESS') {
        const outcome = await completeRefund({
          refundId: refund._id,
          reportedFen: state.refundFee,
          wxRefundId: state.refundId,
          source: 'reconcile',
          wechatConfirmed: true,
        });
        if (outcome.kind === 'refunded' || outcome.kind === 'already') counts.refunded += 1;
        else ctx.log.error('refund WeChat completed could not be applied', { refundId: refund._id, outcome: outcome.kind });
      } else if (state.state === 'CHANGE' || state.state === 'REFUNDCLOSE') {
        await failRefund(refund._id, `wechat_${state.state.toLowerCase()}`, 'reconcile');
        counts.failed += 1;
      } else if (state.state === 'NOTEXIST') {
        // Checked on the refund as read inside the transaction, so a re-send marked meanwhile wins.
        const failed = await failRefund(refund._id, 'wechat_notexist', 'reconcile', (current) => !mayFailUnknownRefund(current, new Date()));
        if (failed) counts.failed += 1;
        else counts.waiting += 1;
      }
    } catch (error) {
      ctx.log.error('refund reconcile failed', { refundId: refund._id, error: (error as Error).message });
    }
  }
  return counts;
}

async function reconcileWechat(payment: PaymentRecord, expired: boolean): Promise<Result> {
  const state = await queryOrder(payment._id);
  switch (state.tradeState) {
    case 'SUCCESS':
    case 'REFUND':
      return settle(payment, state.transactionId ?? '', state.totalFee ?? -1, state.timeEnd);
    case 'CLOSED':
    case 'REVOKED':
      await closePayment(payment._id, `wechat_${state.tradeState.toLowerCase()}`, 'reconcile');
      return 'closed';
    case 'PAYERROR':
      await failPayment(payment._id, 'wechat_payerror', 'reconcile');
      return 'failed';
    default: {
      if (!expired) return 'waiting';
      // Always closed at WeChat first — even after "does not exist": the diner may be creating
      // the order right now (createPayment reusing this payment), and it could be paid later.
      const closed = await closeOrder(payment._id);
      if (closed === 'paid') {
        const again = await queryOrder(payment._id);
        return settle(payment, again.transactionId ?? '', again.totalFee ?? -1, again.timeEnd);
      }
      if (closed === 'closed') {
        await closePayment(payment._id, 'expired', 'reconcile');
        return 'closed';
      }
      return closeUnlessCreating(payment, !!payment.wxPayment);
    }
  }
}

/** WeChat has no order for it: closed here unless one may still be being created (then next run). */
async function closeUnlessCreating(payment: PaymentRecord, sawGatewayOrder: boolean): Promise<Result> {
  const outcome = await closePendingPayment({
    paymentId: payment._id,
    reason: 'expired',
    source: 'reconcile',
    refuse: (current) => (current.payScoreCompletedAt ? 'completed' : refuseCloseOnNotExist(current, sawGatewayOrder, new Date())),
  });
  return outcome.refused ? 'waiting' : 'closed';
}

async function settle(payment: PaymentRecord, transactionId: string, totalFee: number, timeEnd?: string): Promise<Result> {
  const outcome = await settlePayment({
    paymentId: payment._id,
    transactionId,
    reportedFen: totalFee,
    paidAt: parseTimeEnd(timeEnd, new Date()),
    source: 'reconcile',
  });
  switch (outcome.kind) {
    case 'settled':
    case 'already_settled':
      return 'settled';
    case 'not_ready':
      return 'waiting';
    case 'amount_mismatch':
    case 'duplicate':
      return 'abnormal';
    default:
      return 'error';
  }
}

async function reconcilePayScore(payment: PaymentRecord, expired: boolean): Promise<Result> {
  const order = await findServiceOrder(payment._id);
  if (!order) return expired ? closeUnlessCreating(payment, hasGatewayOrder(payment)) : 'waiting';
  const collection = order.collection as { state?: string; paid_amount?: number; details?: { transaction_id?: string }[] } | undefined;
  if (order.state === 'DONE' && collection?.state === 'USER_PAID') {
    return settle(payment, collection.details?.[0]?.transaction_id ?? `PAYSCORE-${payment._id}`, collection.paid_amount ?? -1);
  }
  if (order.state === 'REVOKED' || order.state === 'EXPIRED') {
    await closePayment(payment._id, `payscore_${String(order.state).toLowerCase()}`, 'reconcile');
    return 'closed';
  }
  if (expired && order.state === 'CREATED') {
    const ended = await endServiceOrder(payment._id, '超时未确认');
    if (ended === 'done') return 'waiting';
    if (ended === 'not_found') return closeUnlessCreating(payment, true);
    await closePayment(payment._id, 'expired', 'reconcile');
    return 'closed';
  }
  return 'waiting';
}
