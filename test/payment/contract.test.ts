/**
 * The payment contract (typings/api/payment.ts) is where an action's input rules and roles live;
 * the function and the mini-program both take them from there. This pins what it declares.
 */
import { paymentContract, PAYMENT_ID_PATTERN } from '../../typings/api/payment';
import { isPaymentId, newPaymentId } from '../../cloudfunctions/payment/src/domain/payment-ids';

const { actions } = paymentContract;

describe('payment contract', () => {
  it('declares the error band and who may call each action', () => {
    expect(paymentContract.errors).toEqual({ from: 40, to: 59 });
    const roles = Object.fromEntries(Object.entries(actions).map(([name, spec]) => [name, 'roles' in spec ? spec.roles : null]));
    expect(roles).toEqual({
      ping: null,
      quote: null,
      createPayment: null,
      payWithTickets: null,
      getPayment: null,
      listPayments: ['admin', 'manager', 'clerk'],
      getPaymentDetail: ['admin', 'manager', 'clerk'],
      confirmCash: ['admin', 'manager', 'clerk'],
      queryPayScore: ['admin', 'manager', 'clerk'],
      refund: ['admin', 'manager'],
      refundAbnormal: ['admin', 'manager'],
      recordPayScoreRefund: ['admin', 'manager'],
      completePayScore: ['admin', 'manager'],
      cancelPayScore: ['admin', 'manager'],
    });
    expect(actions.listPayments.storeField).toBe('storeId');
  });

  it('accepts the ids the function makes: the domain and the contract share one pattern', () => {
    const id = newPaymentId(new Date('2026-11-22T00:00:00Z'));
    expect(PAYMENT_ID_PATTERN.test(id)).toBe(true);
    expect(isPaymentId(id)).toBe(true);
    expect(actions.payWithTickets.input.safeParse({ paymentId: id }).success).toBe(true);
    expect(actions.payWithTickets.input.safeParse({ paymentId: 'P1' }).error?.issues[0]?.message).toBe('不是合法的支付单号');
  });

  it('getPayment needs one of paymentId and orderId; listPayments pages like every list', () => {
    expect(actions.getPayment.input.safeParse({}).error?.issues[0]).toMatchObject({ message: 'paymentId 或 orderId 必填一个', path: ['paymentId'] });
    expect(actions.listPayments.input.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(actions.listPayments.input.safeParse({ pageSize: 101 }).success).toBe(false);
  });

  it('bounds the Pay Score completion total, not only each line', () => {
    const line = { name: '商品', amountFen: 9_000_000 };
    const paymentId = newPaymentId();
    expect(actions.completePayScore.input.safeParse({ paymentId, postPayments: [line] }).success).toBe(true);
    expect(actions.completePayScore.input.safeParse({ paymentId, postPayments: [line, line] }).error?.issues[0]?.message).toBe('合计金额不能超过 10000000 分');
  });
});
