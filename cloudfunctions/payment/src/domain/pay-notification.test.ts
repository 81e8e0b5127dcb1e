import {
  checkPaidAmount,
  confirmPayNotification,
  isPayNotification,
  isRefundNotification,
  parseTimeEnd,
  payNotificationSchema,
  resolveRefundState,
} from './pay-notification';

describe('cloudPay notifications', () => {
  const event = {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: 'P1',
    transactionId: '4200001',
    totalFee: 3800,
    cashFee: 3800,
    subOpenid: 'o1',
    timeEnd: '20261122103000',
    subMchId: '1900000109',
  };

  it('recognises pay and refund events, not actions', () => {
    expect(isPayNotification(event)).toBe(true);
    expect(isRefundNotification(event)).toBe(false);
    expect(isRefundNotification({ returnCode: 'SUCCESS', reqInfo: { outRefundNo: 'R1' } })).toBe(true);
    expect(isPayNotification({ action: 'x', ...event })).toBe(false);
  });

  it('parses fees as integers and rejects malformed ones', () => {
    expect(payNotificationSchema.parse({ ...event, totalFee: '3800' }).totalFee).toBe(3800);
    expect(payNotificationSchema.safeParse({ ...event, totalFee: 38.5 }).success).toBe(false);
  });

  it('flags an amount mismatch', () => {
    expect(checkPaidAmount(3800, 3800)).toEqual({ ok: true });
    expect(checkPaidAmount(3800, 1)).toEqual({ ok: false, expectedFen: 3800, reportedFen: 1 });
  });

  it('reads time_end as Beijing time', () => {
    expect(parseTimeEnd('20261122103000', new Date(0)).toISOString()).toBe('2026-11-22T02:30:00.000Z');
    expect(parseTimeEnd('bad', new Date(0)).getTime()).toBe(0);
  });

  it('confirms a notification only when WeChat reports the same transaction paid, with what WeChat charged', () => {
    expect(
      confirmPayNotification({ transactionId: '4200001' }, { tradeState: 'SUCCESS', transactionId: '4200001', totalFee: 3800, timeEnd: '20261122103000' }),
    ).toEqual({
      confirmed: true,
      transactionId: '4200001',
      reportedFen: 3800,
      timeEnd: '20261122103000',
    });
    // partly refunded since: still paid
    expect(confirmPayNotification({ transactionId: '4200001' }, { tradeState: 'REFUND', transactionId: '4200001', totalFee: 1 })).toMatchObject({
      confirmed: true,
      reportedFen: 1,
    });
    expect(confirmPayNotification({ transactionId: 'FORGED' }, { tradeState: 'NOTPAY' })).toEqual({
      confirmed: false,
      reason: 'not_paid',
      tradeState: 'NOTPAY',
    });
    expect(confirmPayNotification({ transactionId: 'FORGED' }, { tradeState: 'NOTEXIST' })).toMatchObject({ confirmed: false, reason: 'not_paid' });
    expect(confirmPayNotification({ transactionId: 'FORGED' }, { tradeState: 'SUCCESS', transactionId: '4200001', totalFee: 3800 })).toEqual({
      confirmed: false,
      reason: 'transaction_mismatch',
      tradeState: 'SUCCESS',
    });
    // no amount from WeChat can never match a payable amount
    expect(confirmPayNotification({ transactionId: '4200001' }, { tradeState: 'SUCCESS', transactionId: '4200001' })).toMatchObject({ reportedFen: -1 });
  });

  it("acts on refunds by WeChat's queried state only", () => {
    expect(resolveRefundState('SUCCESS')).toBe('complete');
    expect(resolveRefundState('CHANGE')).toBe('fail');
    expect(resolveRefundState('REFUNDCLOSE')).toBe('fail');
    expect(resolveRefundState('PROCESSING')).toBe('wait');
    expect(resolveRefundState('NOTEXIST')).toBe('unknown');
  });
});
