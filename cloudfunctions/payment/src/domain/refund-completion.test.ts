import { decideRefundCompletion, newRefundRecord } from './refund-completion';
import type { PaymentRecord, RefundRecord } from './payment-record';

const refund = (fields: Partial<RefundRecord> = {}) => ({ _id: 'R1', status: 'processing' as RefundRecord['status'], refundFen: 1000, ...fields });
const payment = (fields: Partial<PaymentRecord> = {}) => ({
  status: 'refunding' as PaymentRecord['status'],
  refundingId: 'R1',
  refundedFen: 0,
  payableFen: 3000,
  ...fields,
});

describe('decideRefundCompletion', () => {
  it('completes the refund in progress, saying whether everything is now refunded', () => {
    expect(decideRefundCompletion(refund(), payment(), {})).toEqual({ kind: 'complete', reopened: false, refundedFen: 1000, fullyRefunded: false });
    expect(decideRefundCompletion(refund({ refundFen: 2000 }), payment({ refundedFen: 1000 }), { reportedFen: 2000 })).toEqual({
      kind: 'complete',
      reopened: false,
      refundedFen: 3000,
      fullyRefunded: true,
    });
  });

  it('answers a repeated report, a wrong amount or a refund not in progress without completing', () => {
    expect(decideRefundCompletion(refund({ status: 'succeeded' }), payment({ status: 'paid' }), {})).toEqual({
      kind: 'done',
      outcome: { kind: 'already', status: 'paid' },
    });
    expect(decideRefundCompletion(refund(), payment(), { reportedFen: 999 })).toEqual({
      kind: 'done',
      outcome: { kind: 'mismatch', reason: 'refund_amount_mismatch' },
    });
    expect(decideRefundCompletion(refund(), payment({ refundingId: 'R2' }), {})).toMatchObject({ outcome: { kind: 'mismatch' } });
    expect(decideRefundCompletion(refund({ status: 'failed' }), payment({ status: 'paid' }), {})).toEqual({
      kind: 'done',
      outcome: { kind: 'mismatch', reason: 'refund failed, payment paid' },
    });
  });

  it('reopens a failed refund WeChat confirmed, unless another is in progress or it would refund too much', () => {
    expect(decideRefundCompletion(refund({ status: 'failed' }), payment({ status: 'paid', refundingId: undefined }), { wechatConfirmed: true })).toEqual({
      kind: 'complete',
      reopened: true,
      refundedFen: 1000,
      fullyRefunded: false,
    });
    expect(decideRefundCompletion(refund({ status: 'failed' }), payment({ refundingId: 'R2' }), { wechatConfirmed: true })).toEqual({
      kind: 'done',
      outcome: { kind: 'busy' },
    });
    expect(
      decideRefundCompletion(refund({ status: 'failed' }), payment({ status: 'partially_refunded', refundedFen: 2500 }), { wechatConfirmed: true }),
    ).toEqual({
      kind: 'done',
      outcome: { kind: 'mismatch', reason: 'reopened_refund_exceeds_payment' },
    });
  });

  it('hands abnormal refunds to their own decision', () => {
    expect(decideRefundCompletion(refund({ kind: 'abnormal' }), payment({ status: 'closed' }), {})).toEqual({ kind: 'abnormal', reopened: false });
  });
});

it('newRefundRecord builds a processing refund numbered after the payment', () => {
  const now = new Date('2026-02-01T04:00:00Z');
  const payment = { _id: 'P20260201120000abcdefabcdef', orderId: 'o1', openid: 'diner', method: 'wechat' as const };
  expect(
    newRefundRecord(payment, { sequence: 2, refundFen: 500 }, { reason: '少上一道菜', operatorOpenid: 'clerk', requestId: 'q1' }, now, { sentNow: true }),
  ).toEqual({
    _id: 'R20260201120000abcdefabcdef02',
    paymentId: payment._id,
    orderId: 'o1',
    openid: 'diner',
    method: 'wechat',
    sequence: 2,
    refundFen: 500,
    reason: '少上一道菜',
    status: 'processing',
    operatorOpenid: 'clerk',
    requestId: 'q1',
    createdAt: now,
    lastSentAt: now,
  });
  expect(
    newRefundRecord(payment, { sequence: 1, refundFen: 500 }, { reason: 'x', operatorOpenid: 'c', requestId: 'q', external: true }, now, {
      sentNow: false,
      kind: 'abnormal',
    }),
  ).toMatchObject({ kind: 'abnormal', external: true });
});
