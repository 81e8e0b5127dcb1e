import { paymentContract } from '../../../../typings/api/payment';
import { AppError } from '../../../shared/kit/errors';
import { defineRoute, implement } from '../../../shared/kit/function';
import { canSeeStore, type StaffMember } from '../../../shared/kit/roles';
import { Errors } from '../errors';
import { paymentView } from '../domain/payment-record';
import { completionTotalFen, payScoreCompletionFloorFen } from '../domain/payscore-completion';
import {
  NotificationRejectedError,
  payScorePermissionResourceSchema,
  payScoreResourceSchema,
  verifyNotification,
  type VerifiedNotification,
} from '../domain/payscore-notification';
import type { Logger } from '../../../shared/kit/logger';
import { isPermissionEvent, parsePayScoreTime, type PermissionEventType } from '../../../shared/payscore/permission-state';
import { recordPermissionNotification } from '../../../shared/payscore/permissions';
import { completeServiceOrder, endServiceOrder, notificationKeys, queryServiceOrder, type PostDiscount } from '../gateways/payscore-client';
import { findPayment } from '../repositories/payment-repository';
import { closePendingPayment } from '../repositories/open-close-transactions';
import { recordPayScoreCompletion } from '../repositories/payscore-transactions';
import { settlePayment } from '../repositories/settle-transactions';
import { priceForMember } from './pricing';
import { assertNotOwnPayment } from './staff-access';

async function payScorePayment(paymentId: string, staff: StaffMember) {
  const payment = await findPayment(paymentId);
  if (!payment || payment.method !== 'payscore' || !canSeeStore(staff, payment.storeId))
    throw new AppError(Errors.PAYMENT_NOT_FOUND, { details: { field: 'paymentId' } });
  return payment;
}

/**
 * Ends a Pay Score service (cabinet door closed, goods known): the real charges become
 * post_payments, the member discount (the same quote every checkout uses) a post_discount, and
 * the member price the payable amount the USER_PAID notification is checked against.
 * Order of work: check state and the risk cap → ask WeChat → record amounts + event in one
 * transaction. A completion WeChat rejects therefore changes nothing here.
 */
export const completePayScoreAction = implement(paymentContract.actions.completePayScore, async (input, ctx) => {
  const staff = ctx.staff;
  const payment = await payScorePayment(input.paymentId, staff);
  assertNotOwnPayment(payment, staff);
  if (payment.status !== 'pending') throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `支付单状态为 ${payment.status}，不能完结` });
  if (payment.payScoreCompletedAt) throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: '支付分订单已完结，等待扣款' });
  const totalFen = completionTotalFen(input.postPayments);
  // Until completed, amountFen is still the order amount the service was opened for.
  const orderAmountFen = payment.amountFen;
  const floorFen = payScoreCompletionFloorFen(orderAmountFen);
  if (totalFen < floorFen) {
    throw new AppError(Errors.PAYSCORE_BELOW_FLOOR, {
      message: `完结商品合计 ${totalFen} 分低于下限 ${floorFen} 分（订单金额 ${orderAmountFen} 分的一半）`,
      details: { field: 'postPayments', floorFen, orderAmountFen, totalFen },
    });
  }
  const pricing = await priceForMember(payment.openid, totalFen);
  const { discount, final } = pricing.quote;
  const riskFen = payment.payScoreRiskFen ?? payment.payableFen;
  if (final > riskFen) {
    throw new AppError(Errors.PAYSCORE_OVER_RISK_AMOUNT, {
      message: `完结金额 ${final} 分超过风险金额 ${riskFen} 分`,
      details: { field: 'postPayments', riskFen, payableFen: final },
    });
  }
  const discounts: PostDiscount[] = discount > 0 ? [{ name: '会员折扣', description: `${pricing.levelName}优惠`, amount: discount }] : [];
  let state: string;
  try {
    ({ state } = await completeServiceOrder(
      payment._id,
      input.postPayments.map((p) => ({
        name: p.name,
        amount: p.amountFen * (p.count ?? 1),
        ...(p.count ? { count: p.count } : {}),
        ...(p.description ? { description: p.description } : {}),
      })),
      discounts,
      final,
    ));
  } catch (error) {
    // Our earlier attempt may have reached WeChat with its reply lost: the same completion
    // already done there is recorded; anything else leaves the payment untouched.
    const remote = await queryServiceOrder(payment._id).catch(() => null);
    if (remote?.state !== 'DONE' || remote.total_amount !== final) throw error;
    state = 'DONE';
  }
  await recordPayScoreCompletion({
    paymentId: payment._id,
    orderAmountFen,
    postPayments: input.postPayments.map((p) => ({ name: p.name, amountFen: p.amountFen, ...(p.count ? { count: p.count } : {}) })),
    amountFen: totalFen,
    discountFen: discount,
    payableFen: final,
    levelCode: pricing.levelCode,
    operatorOpenid: staff.openid,
  });
  ctx.log.info('payscore completed', { paymentId: payment._id, totalFen, discountFen: discount, payableFen: final });
  return { paymentId: payment._id, totalFen, discountFen: discount, payableFen: final, state };
});

/**
 * Staff cancel a Pay Score order the diner will not be charged for (audited). A service order
 * WeChat already completed cannot be cancelled: it is being charged.
 */
export const cancelPayScoreAction = implement(paymentContract.actions.cancelPayScore, async (input, ctx) => {
  const staff = ctx.staff;
  const payment = await payScorePayment(input.paymentId, staff);
  if (payment.status !== 'pending') throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `支付单状态为 ${payment.status}，不能取消` });
  if (payment.payScoreCompletedAt) throw new AppError(Errors.PAYSCORE_ALREADY_COMPLETED);
  const ended = await endServiceOrder(payment._id, input.reason);
  if (ended === 'done') throw new AppError(Errors.PAYSCORE_ALREADY_COMPLETED);
  const outcome = await closePendingPayment({
    paymentId: payment._id,
    reason: 'payscore_cancelled',
    source: 'staff',
    refuse: (current) => (current.payScoreCompletedAt ? 'completed' : null),
    audit: { action: 'payment.payscore.cancel', operatorOpenid: staff.openid, details: { staffReason: input.reason } },
  });
  if (outcome.refused) throw new AppError(Errors.PAYSCORE_ALREADY_COMPLETED);
  return { paymentId: payment._id, state: ended === 'cancelled' ? ('REVOKED' as const) : ('NOT_EXIST' as const), status: outcome.status };
});

export const queryPayScoreAction = implement(paymentContract.actions.queryPayScore, async (input, ctx) => {
  const payment = await payScorePayment(input.paymentId, ctx.staff);
  const remote = await queryServiceOrder(payment._id);
  // Passed on as WeChat answered it (APIv3 QueryServiceOrder); the types are WeChat's documented ones.
  const { state, total_amount, collection } = remote as { state: string; total_amount?: number; collection?: Record<string, unknown> };
  return { payment: paymentView(payment), remote: { state, total_amount: total_amount ?? null, collection: collection ?? null } };
});

/**
 * APIv3 notification endpoint (HTTP access). Nothing is read from the body before the signature,
 * clock window and AEAD tag have all been checked; a rejection changes nothing and answers 401 so
 * a forged request learns nothing more. Settling is idempotent, so WeChat's retries are harmless.
 */
export const payScoreNotifyRoute = defineRoute({
  method: 'POST',
  path: '/v1/payment/payscore/notify',
  summary: '微信支付分回调（APIv3）',
  handler: async (req, ctx) => {
    let verified;
    try {
      verified = verifyNotification(req.headers, req.rawBody, notificationKeys());
    } catch (error) {
      if (error instanceof NotificationRejectedError) {
        ctx.log.warn('payscore notification rejected', { reason: error.reason, serial: req.headers['wechatpay-serial'] });
        return { status: 401, raw: { code: 'FAIL', message: Errors.NOTIFICATION_REJECTED.message } };
      }
      throw error;
    }
    if (isPermissionEvent(verified.eventType)) return storePermission(verified, verified.eventType, ctx.log);
    const resource = payScoreResourceSchema.safeParse(verified.resource);
    if (!resource.success) {
      ctx.log.warn('payscore notification resource malformed', { id: verified.id });
      return { status: 200, raw: { code: 'SUCCESS', message: '成功' } };
    }
    const order = resource.data;
    if (verified.eventType === 'PAYSCORE.USER_PAID' && order.collection?.state === 'USER_PAID') {
      const outcome = await settlePayment({
        paymentId: order.out_order_no,
        transactionId: order.collection.details?.[0]?.transaction_id ?? `PAYSCORE-${order.out_order_no}`,
        reportedFen: order.collection.paid_amount ?? order.total_amount ?? -1,
        paidAt: new Date(),
        source: 'payscore_notify',
      });
      ctx.log.info('payscore notification', { id: verified.id, paymentId: order.out_order_no, outcome: outcome.kind });
      // Collected before our completion record landed: a non-2xx answer makes WeChat resend it.
      if (outcome.kind === 'not_ready') return { status: 500, raw: { code: 'FAIL', message: '完结尚未入账，请稍后重试' } };
    } else {
      ctx.log.info('payscore notification ignored', { id: verified.id, eventType: verified.eventType, state: order.state });
    }
    return { status: 200, raw: { code: 'SUCCESS', message: '成功' } };
  },
});

const OK = { status: 200, raw: { code: 'SUCCESS', message: '成功' } };

/**
 * The diner opened or closed Pay Score for us (one-time smart-retail authorization): stored by the
 * Pay Score kernel, idempotent and ordered by WeChat's openorclose_time, so a duplicate or an
 * older notification arriving late changes nothing.
 */
async function storePermission(verified: VerifiedNotification, eventType: PermissionEventType, log: Logger) {
  const resource = payScorePermissionResourceSchema.safeParse(verified.resource);
  if (!resource.success) {
    log.warn('payscore permission notification malformed', { id: verified.id });
    return OK;
  }
  const changedAt = parsePayScoreTime(resource.data.openorclose_time) ?? parsePayScoreTime(verified.createTime) ?? new Date();
  const outcome = await recordPermissionNotification({
    id: verified.id,
    eventType,
    openid: resource.data.openid,
    changedAt,
    ...(resource.data.authorization_code ? { authorizationCode: resource.data.authorization_code } : {}),
  });
  log.info('payscore permission notification', { id: verified.id, eventType: verified.eventType, decision: outcome.decision, state: outcome.state });
  return OK;
}
