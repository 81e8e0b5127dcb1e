import { z } from 'zod';
import { AppError } from '../../../shared/kit/errors';
import { defineAction, type ActionContext } from '../../../shared/kit/function';
import { canSeeStore, type StaffMember } from '../../../shared/kit/roles';
import { Errors } from '../errors';
import { PAYMENT_METHODS, paymentView, refundView, type PaymentRecord, type RefundRecord } from '../domain/payment-record';
import { PAYMENT_STATUSES } from '../domain/payment-state';
import { requestRefund } from '../gateways/cloudpay-gateway';
import { findPayment, findRefund, listPaymentEvents, listPayments, listRefunds } from '../repositories/payment-repository';
import { beginRefund, completeRefund, failRefund, settlePayment } from '../repositories/payment-transactions';
import { paymentIdSchema, requestIdSchema } from './schemas';

function staffOf(ctx: ActionContext): StaffMember {
  // defineAction({roles}) loaded it; absent only if the action forgot its roles.
  if (!ctx.staff) throw new AppError(Errors.PAYMENT_NOT_FOUND);
  return ctx.staff;
}

async function visiblePayment(paymentId: string, staff: StaffMember): Promise<PaymentRecord> {
  const payment = await findPayment(paymentId);
  // Another store's payment looks like a missing one: no probing across stores.
  if (!payment || !canSeeStore(staff, payment.storeId)) throw new AppError(Errors.PAYMENT_NOT_FOUND, { details: { field: 'paymentId' } });
  return payment;
}

export const listPaymentsAction = defineAction({
  roles: ['admin', 'manager', 'clerk'],
  input: z
    .object({
      storeId: z.string().min(1).optional(),
      status: z.enum(PAYMENT_STATUSES).optional(),
      method: z.enum(PAYMENT_METHODS).optional(),
      orderId: z.string().min(1).optional(),
      abnormalOnly: z.boolean().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    })
    .strict(),
  storeField: 'storeId',
  handler: async (input, ctx) => {
    const staff = staffOf(ctx);
    const storeIds = input.storeId ? [input.storeId] : staff.role === 'admin' ? undefined : staff.storeIds;
    const page = await listPayments(
      { storeIds, status: input.status, method: input.method, orderId: input.orderId, abnormalOnly: input.abnormalOnly },
      input.page,
      input.pageSize,
    );
    return { ...page, items: page.items.map(paymentView) };
  },
});

export const getPaymentDetailAction = defineAction({
  roles: ['admin', 'manager', 'clerk'],
  input: z.object({ paymentId: paymentIdSchema }).strict(),
  handler: async (input, ctx) => {
    const payment = await visiblePayment(input.paymentId, staffOf(ctx));
    const [refunds, events] = await Promise.all([listRefunds(payment._id), listPaymentEvents(payment._id)]);
    return {
      payment: paymentView(payment),
      refunds: refunds.map((r) => refundView(r, 'staff')),
      events: events.map((e) => ({ type: e.type, from: e.from, to: e.to, source: e.source, at: e.at, details: e.details ?? null })),
    };
  },
});

/** 到店现金: the clerk confirms the cash was received; audited, earns points like any payment. */
export const confirmCashAction = defineAction({
  roles: ['admin', 'manager', 'clerk'],
  input: z.object({ paymentId: paymentIdSchema }).strict(),
  handler: async (input, ctx) => {
    const staff = staffOf(ctx);
    const payment = await visiblePayment(input.paymentId, staff);
    if (payment.method !== 'cash') throw new AppError(Errors.METHOD_NOT_AVAILABLE, { message: '该支付单不是现金支付' });
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
  },
});

/**
 * Full (no refundFen) or partial refund with a reason; WeChat refunds finish on its notification.
 * `requestId` is the client's idempotency key: a repeat of the same request returns the first
 * result and writes nothing (gift tickets and cash complete at once, so a network retry would
 * otherwise refund twice); a repeat of a WeChat refund still processing re-sends the SAME
 * out_refund_no, which WeChat answers with the same refund.
 */
export const refundAction = defineAction({
  roles: ['admin', 'manager'],
  input: z
    .object({
      paymentId: paymentIdSchema,
      refundFen: z.number().int().positive().optional(),
      reason: z.string().trim().min(2).max(80),
      requestId: requestIdSchema,
    })
    .strict(),
  handler: async (input, ctx) => {
    const staff = staffOf(ctx);
    const payment = await visiblePayment(input.paymentId, staff);
    if (payment.method === 'payscore') throw new AppError(Errors.METHOD_NOT_AVAILABLE, { message: '支付分订单请在商户平台退款' });
    const {
      payment: current,
      refund,
      replayed,
    } = await beginRefund({
      paymentId: payment._id,
      refundFen: input.refundFen,
      reason: input.reason,
      operatorOpenid: staff.openid,
      requestId: input.requestId,
    });
    if (replayed) {
      ctx.log.info('refund request replayed', { paymentId: payment._id, refundId: refund._id, status: refund.status });
      if (refund.status === 'succeeded') return succeededReply(refund, refund.paymentStatusAfter ?? current.status, true);
      if (refund.status === 'failed') throw rejection(refund.failure);
    } else {
      ctx.log.info('refund requested', { paymentId: payment._id, refundId: refund._id, refundFen: refund.refundFen, method: payment.method });
    }

    if (payment.method === 'wechat') {
      const sent = await requestRefund({
        outTradeNo: payment._id,
        outRefundNo: refund._id,
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
    // Tickets go back to the ledger and cash is handed back at the till: both complete at once.
    const outcome = await completeRefund({ refundId: refund._id, source: 'staff' });
    if (outcome.kind === 'refunded')
      return succeededReply({ ...refund, pointsReversed: outcome.pointsReversed, ticketsReturned: outcome.ticketsReturned }, outcome.status, replayed);
    if (outcome.kind === 'already') {
      // A concurrent copy of this request completed it first: answer with what that one did.
      const done = (await findRefund(refund._id)) ?? refund;
      return succeededReply(done, done.paymentStatusAfter ?? outcome.status, replayed);
    }
    throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: '退款未能完成' });
  },
});

function succeededReply(refund: RefundRecord, paymentStatus: PaymentRecord['status'], replayed: boolean) {
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
