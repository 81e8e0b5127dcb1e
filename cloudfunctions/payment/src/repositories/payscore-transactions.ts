import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit/errors';
import { txFindById } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { Errors } from '../errors';
import type { PaymentRecord } from '../domain/payment-record';
import { appendAudit, appendEvent, event } from './payment-tx';

/** Pay Score: recording the completion staff made (the final amounts WeChat will deduct). */

export interface PayScoreCompletion {
  paymentId: string;
  /** what the service was opened for (the order amount), for the audit entry */
  orderAmountFen: number;
  postPayments: { name: string; amountFen: number; count?: number }[];
  /** the charges before the member discount */
  amountFen: number;
  discountFen: number;
  /** what WeChat deducts (total_amount) and USER_PAID must report */
  payableFen: number;
  levelCode: string;
  operatorOpenid: string;
}

/**
 * Records a completion WeChat has ACCEPTED: the final amounts and the event, in one transaction.
 * Called only after the WeChat call, so a rejected completion leaves the payment as it was.
 * Recording the same completion again (a retried staff action) changes nothing.
 */
export async function recordPayScoreCompletion(input: PayScoreCompletion): Promise<{ payment: PaymentRecord; already: boolean }> {
  return runInTransaction(async (tx) => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment) throw new AppError(Errors.PAYMENT_NOT_FOUND);
    if (payment.payScoreCompletedAt) {
      if (payment.payableFen === input.payableFen) return { payment, already: true };
      throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: '支付分订单已按其他金额完结' });
    }
    if (payment.status !== 'pending') throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `支付单状态为 ${payment.status}，不能完结` });
    const now = new Date();
    const changes = {
      amountFen: input.amountFen,
      discountFen: input.discountFen,
      payableFen: input.payableFen,
      levelCode: input.levelCode,
      payScoreCompletedAt: now,
      updatedAt: now,
    };
    await Promise.all([
      tx.collection(Collections.payments).doc(payment._id).update({ data: changes }),
      appendEvent(
        tx,
        event(payment._id, 'payscore_completed', payment.status, payment.status, 'staff', {
          operatorOpenid: input.operatorOpenid,
          details: { amountFen: input.amountFen, discountFen: input.discountFen, payableFen: input.payableFen },
        }),
      ),
      // Whoever ends the service decides what the diner is charged: audited like a refund.
      appendAudit(tx, {
        action: 'payment.payscore.complete',
        operatorOpenid: input.operatorOpenid,
        targetId: payment._id,
        details: {
          orderAmountFen: input.orderAmountFen,
          amountFen: input.amountFen,
          discountFen: input.discountFen,
          payableFen: input.payableFen,
          postPayments: input.postPayments,
        },
      }),
    ]);
    return { payment: { ...payment, ...changes }, already: false };
  });
}
