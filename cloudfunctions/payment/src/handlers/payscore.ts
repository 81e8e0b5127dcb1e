import { z } from 'zod';
import { AppError } from '../../../shared/kit/errors';
import { defineAction, defineRoute } from '../../../shared/kit/function';
import { canSeeStore } from '../../../shared/kit/roles';
import { Errors } from '../errors';
import { paymentView } from '../domain/payment-record';
import { NotificationRejectedError, payScoreResourceSchema, verifyNotification } from '../domain/payscore-notification';
import { cancelServiceOrder, completeServiceOrder, notificationKeys, queryServiceOrder } from '../gateways/payscore-client';
import { findPayment, savePaymentFields } from '../repositories/payment-repository';
import { closePayment, settlePayment } from '../repositories/payment-transactions';

const paymentIdSchema = z.string().regex(/^P\d{14}[0-9a-f]{12}$/, '不是合法的支付单号');

async function payScorePayment(paymentId: string, staff: { role: string; storeIds: string[] } | undefined) {
  const payment = await findPayment(paymentId);
  if (!payment || payment.method !== 'payscore' || (staff && !canSeeStore(staff as never, payment.storeId)))
    throw new AppError(Errors.PAYMENT_NOT_FOUND, { details: { field: 'paymentId' } });
  return payment;
}

/**
 * Ends a Pay Score service (cabinet door closed, goods known): the real charges become
 * post_payments and the payable amount the notification will be checked against.
 */
export const completePayScoreAction = defineAction({
  roles: ['admin', 'manager', 'clerk'],
  input: z
    .object({
      paymentId: paymentIdSchema,
      postPayments: z
        .array(
          z.object({
            name: z.string().min(1).max(20),
            amountFen: z.number().int().positive(),
            count: z.number().int().positive().optional(),
            description: z.string().max(30).optional(),
          }),
        )
        .min(1)
        .max(100),
    })
    .strict(),
  handler: async (input, ctx) => {
    const payment = await payScorePayment(input.paymentId, ctx.staff);
    if (payment.status !== 'pending') throw new AppError(Errors.PAYMENT_STATE_CONFLICT);
    const totalFen = input.postPayments.reduce((sum, p) => sum + p.amountFen * (p.count ?? 1), 0);
    // The total becomes what the USER_PAID notification must report; discounts are not applied to pay-after.
    await savePaymentFields(payment._id, { amountFen: totalFen, discountFen: 0, payableFen: totalFen });
    const result = await completeServiceOrder(
      payment._id,
      input.postPayments.map((p) => ({
        name: p.name,
        amount: p.amountFen * (p.count ?? 1),
        ...(p.count ? { count: p.count } : {}),
        ...(p.description ? { description: p.description } : {}),
      })),
      totalFen,
    );
    return { paymentId: payment._id, totalFen, state: result.state };
  },
});

export const cancelPayScoreAction = defineAction({
  roles: ['admin', 'manager'],
  input: z.object({ paymentId: paymentIdSchema, reason: z.string().trim().min(2).max(50) }).strict(),
  handler: async (input, ctx) => {
    const payment = await payScorePayment(input.paymentId, ctx.staff);
    const result = await cancelServiceOrder(payment._id, input.reason);
    const status = await closePayment(payment._id, 'payscore_cancelled', 'staff');
    return { paymentId: payment._id, state: result.state, status };
  },
});

export const queryPayScoreAction = defineAction({
  roles: ['admin', 'manager', 'clerk'],
  input: z.object({ paymentId: paymentIdSchema }).strict(),
  handler: async (input, ctx) => {
    const payment = await payScorePayment(input.paymentId, ctx.staff);
    const remote = await queryServiceOrder(payment._id);
    return { payment: paymentView(payment), remote: { state: remote.state, total_amount: remote.total_amount ?? null, collection: remote.collection ?? null } };
  },
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
    } else {
      ctx.log.info('payscore notification ignored', { id: verified.id, eventType: verified.eventType, state: order.state });
    }
    return { status: 200, raw: { code: 'SUCCESS', message: '成功' } };
  },
});
