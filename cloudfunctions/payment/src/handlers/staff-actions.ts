import { paymentContract, type RefundReply, type RefundSucceeded } from '../../../../typings/api/payment';
import type { InputOf } from '../../../../typings/api/contract';
import { AppError } from '../../../shared/kit/errors';
import { implement, type ActionContext } from '../../../shared/kit/function';
import { Errors } from '../errors';
import { paymentView, refundView, type PaymentRecord, type RefundRecord } from '../domain/payment-record';
import { requestRefund } from '../gateways/cloudpay-gateway';
import { findRefund, listPaymentEvents, listPayments, listRefunds } from '../repositories/payment-repository';
import { beginAbnormalRefund } from '../repositories/abnormal-refund-transactions';
import { beginRefund, completeRefund, failRefund, markRefundResend } from '../repositories/refund-transactions';
import { settlePayment } from '../repositories/settle-transactions';
import { assertNotOwnPayment, visiblePayment } from './staff-access';

export const listPaymentsAction = implement(paymentContract.actions.listPayments, async (input, ctx) => {
  const staff = ctx.staff;
  const storeIds = input.storeId ? [input.storeId] : staff.role === 'admin' ? undefined : staff.storeIds;
  const page = await listPayments(
    { storeIds, status: input.status, method: input.method, orderId: input.orderId, abnormalOnly: input.abnormalOnly },
    input.page,
    input.pageSize,
  );
  return { ...page, items: page.items.map(paymentView) };
});

export const getPaymentDetailAction = implement(paymentContract.actions.getPaymentDetail, async (input, ctx) => {
  const payment = await visiblePayment(input.paymentId, ctx.staff);
  const [refunds, events] = await Promise.all([listRefunds(payment._id), listPaymentEvents(payment._id)]);
  return {
    payment: paymentView(payment),
    refunds: refunds.map((r) => refundView(r, 'staff')),
    events: events.map((e) => ({ type: e.type, from: e.from, to: e.to, source: e.source, at: e.at, details: e.details ?? null })),
  };
});

/** 到店现金: the clerk confirms the cash was received; audited, earns points like any payment. */
export const confirmCashAction = implement(paymentContract.actions.confirmCash, async (input, ctx) => {
  const staff = ctx.staff;
  const payment = await visiblePayment(input.paymentId, staff);
  if (payment.method !== 'cash') throw new AppError(Errors.METHOD_NOT_AVAILABLE, { message: '该支付单不是现金支付' });
  assertNotOwnPayment(payment, staff);
  const outcome = await settlePayment({
    paymentId: payment._id,
    transactionId: `CASH-${payment._id}`,
    reportedFen: payment.payableFen,
    paidAt: new Date(),
    source: 'staff',
    operatorOpenid: staff.openid,
    refuseIfOrderPaid: true,
  });
  if (outcome.kind === 'settled') return { payment: paymentView(outcome.payment), points: outcome.points };
  if (outcome.kind === 'already_settled') return { payment: paymentView(outcome.payment), points: outcome.payment.pointsEarned ?? 0 };
  if (outcome.kind === 'order_already_paid') throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: '该订单已由其他支付单支付，请勿收取现金' });
  throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `支付单状态不允许确认收款 (${outcome.kind})` });
});

/** A staff refund request (`refund`, `recordPayScoreRefund`): whole payment unless `refundFen`. */
type StaffRefundRequest = InputOf<typeof paymentContract.actions.refund>;

/** Starts (or replays, by requestId) the refund a validated staff request asks for; `external` when the money moved elsewhere. */
function beginStaffRefund(input: StaffRefundRequest, operatorOpenid: string, options: { external?: boolean } = {}) {
  return beginRefund({
    paymentId: input.paymentId,
    refundFen: input.refundFen,
    reason: input.reason,
    operatorOpenid,
    requestId: input.requestId,
    ...(options.external ? { external: true } : {}),
  });
}

/**
 * Full (no refundFen) or partial refund with a reason; WeChat refunds finish on its notification.
 * `requestId` is the client's idempotency key: a repeat of the same request returns the first
 * result and writes nothing (gift tickets and cash complete at once, so a network retry would
 * otherwise refund twice); a repeat of a WeChat refund still processing re-sends the SAME
 * out_refund_no, which WeChat answers with the same refund.
 */
export const refundAction = implement(paymentContract.actions.refund, async (input, ctx) => {
  const staff = ctx.staff;
  const payment = await visiblePayment(input.paymentId, staff);
  if (payment.method === 'payscore') throw new AppError(Errors.METHOD_NOT_AVAILABLE, { message: '支付分订单请在商户平台退款，再用「已在商户平台退款」登记' });
  assertNotOwnPayment(payment, staff);
  const { payment: current, refund, replayed } = await beginStaffRefund(input, staff.openid);
  if (replayed) {
    ctx.log.info('refund request replayed', { paymentId: payment._id, refundId: refund._id, status: refund.status });
    if (refund.status === 'succeeded') return succeededReply(refund, refund.paymentStatusAfter ?? current.status, true);
    if (refund.status === 'failed') throw rejection(refund.failure);
  } else {
    ctx.log.info('refund requested', { paymentId: payment._id, refundId: refund._id, refundFen: refund.refundFen, method: payment.method });
  }

  if (payment.method === 'wechat') return sendWechatRefund(payment, refund, replayed, ctx);
  // Tickets go back to the ledger and cash is handed back at the till: both complete at once.
  return completeAtOnce(refund, replayed);
});

/**
 * 「已在商户平台退款」: Pay Score money is refunded by staff on the WeChat Pay merchant platform
 * (no refund API here); this records that refund — points reversed in proportion, payment and
 * order refund status updated, audited — exactly as a cash refund is recorded. Idempotent per
 * `requestId` like `refund`.
 */
export const recordPayScoreRefundAction = implement(paymentContract.actions.recordPayScoreRefund, async (input, ctx) => {
  const staff = ctx.staff;
  const payment = await visiblePayment(input.paymentId, staff);
  if (payment.method !== 'payscore') throw new AppError(Errors.METHOD_NOT_AVAILABLE, { message: '只有支付分订单需要登记商户平台退款' });
  assertNotOwnPayment(payment, staff);
  const { payment: current, refund, replayed } = await beginStaffRefund(input, staff.openid, { external: true });
  if (replayed && refund.status === 'succeeded') return succeededReply(refund, refund.paymentStatusAfter ?? current.status, true);
  ctx.log.info('payscore refund recorded', { paymentId: payment._id, refundId: refund._id, refundFen: refund.refundFen, replayed });
  return completeAtOnce(refund, replayed);
});

/**
 * 「退还异常款项」: money WeChat collected that was never booked — a payment closed or failed before
 * the money arrived (`paid_while_closed` …), or an amount that did not match — goes back to the
 * diner through the same WeChat refund machinery (same out_refund_no scheme, same 50-refund limit,
 * same idempotency by `requestId`), audited. Status, points and the order stay as they are; a
 * pending mismatched payment is closed so the diner can pay the order properly. Pay Score money
 * is given back on the merchant platform, so for Pay Score this records that refund instead.
 */
export const refundAbnormalAction = implement(paymentContract.actions.refundAbnormal, async (input, ctx) => {
  const staff = ctx.staff;
  const payment = await visiblePayment(input.paymentId, staff);
  if (payment.method !== 'wechat' && payment.method !== 'payscore')
    throw new AppError(Errors.METHOD_NOT_AVAILABLE, { message: '只有微信支付与支付分会有未入账的异常款项' });
  assertNotOwnPayment(payment, staff);
  const external = payment.method === 'payscore';
  const { refund, replayed } = await beginAbnormalRefund({
    paymentId: payment._id,
    reason: input.reason,
    operatorOpenid: staff.openid,
    requestId: input.requestId,
    external,
  });
  if (replayed) {
    if (refund.status === 'succeeded') return { refundId: refund._id, refundFen: refund.refundFen, status: 'succeeded' as const, replayed };
    if (refund.status === 'failed') throw rejection(refund.failure);
  }
  ctx.log.warn('abnormal money refund requested', { paymentId: payment._id, refundId: refund._id, refundFen: refund.refundFen, replayed, external });
  if (external) return completeAtOnce(refund, replayed);
  return sendWechatRefund(payment, refund, replayed, ctx);
});

/**
 * Sends (or, for a repeated request, re-sends) a WeChat refund under its out_refund_no. The send
 * is noted on the refund first, so reconciliation does not take WeChat's "no such refund" as
 * final while the request is on its way; a refund that is no longer processing is not re-sent.
 */
async function sendWechatRefund(payment: PaymentRecord, refund: RefundRecord, replayed: boolean, ctx: ActionContext): Promise<RefundReply> {
  if (replayed) {
    const marked = await markRefundResend(refund._id);
    const now = marked.refund ?? refund;
    if (!marked.send) {
      if (now.status === 'succeeded') return succeededReply(now, now.paymentStatusAfter ?? payment.status, true);
      throw rejection(now.failure);
    }
  }
  const sent = await requestRefund({
    outTradeNo: payment._id,
    outRefundNo: refund._id,
    // WeChat's order total: what unifiedOrder asked for
    totalFee: payment.payableFen,
    refundFee: refund.refundFen,
    reason: refund.reason,
  });
  if (sent.kind === 'rejected') {
    // Only a definite refusal ends the refund: no refund exists at WeChat under this number.
    const failure = `${sent.errCode}: ${sent.errCodeDes}`.slice(0, 200);
    await failRefund(refund._id, failure, 'staff');
    throw rejection(failure);
  }
  if (sent.kind === 'uncertain') {
    // WeChat may have the refund: it stays processing under the same out_refund_no; a retry
    // of this request re-sends it, and reconciliation settles it by queryRefund.
    ctx.log.warn('refund request outcome unknown, left processing', { refundId: refund._id, reason: sent.reason });
  }
  return { refundId: refund._id, refundFen: refund.refundFen, status: 'processing' as const, ...(replayed ? { replayed } : {}) };
}

/** Refunds nobody else confirms (tickets, cash, Pay Score done on the merchant platform): completed now. */
async function completeAtOnce(refund: RefundRecord, replayed: boolean): Promise<RefundSucceeded> {
  const outcome = await completeRefund({ refundId: refund._id, source: 'staff' });
  if (outcome.kind === 'refunded')
    return succeededReply({ ...refund, pointsReversed: outcome.pointsReversed, ticketsReturned: outcome.ticketsReturned }, outcome.status, replayed);
  if (outcome.kind === 'already') {
    // A concurrent copy of this request completed it first: answer with what that one did.
    const done = (await findRefund(refund._id)) ?? refund;
    return succeededReply(done, done.paymentStatusAfter ?? outcome.status, replayed);
  }
  throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: '退款未能完成' });
}

function succeededReply(refund: RefundRecord, paymentStatus: PaymentRecord['status'], replayed: boolean): RefundSucceeded {
  return {
    refundId: refund._id,
    refundFen: refund.refundFen,
    status: 'succeeded' as const,
    paymentStatus,
    ...(refund.method === 'wechat' ? {} : { pointsReversed: refund.pointsReversed ?? 0, ticketsReturned: refund.ticketsReturned ?? 0 }),
    ...(replayed ? { replayed } : {}),
  };
}

function rejection(failure: string | undefined): AppError {
  return new AppError(Errors.WXPAY_REFUND_REJECTED, { message: `微信支付拒绝退款${failure ? `: ${failure}` : ''}`, details: { failure: failure ?? null } });
}
