import { abnormalAfterFailedRefund, abnormalAfterRefund, decideAbnormalRefundCompletion } from './abnormal-money';

const at = new Date('2026-02-01T04:00:00Z');
const abnormal = { reason: 'paid_while_closed', reportedFen: 3000, transactionId: 'T1', at, refundingId: 'R1' };

it('abnormalAfterRefund adds what went back and frees the next refund', () => {
  expect(abnormalAfterRefund(abnormal, 1000)).toEqual({ ...abnormal, refundedFen: 1000, refundingId: null });
  expect(abnormalAfterRefund({ ...abnormal, refundedFen: 1000 }, 500)).toMatchObject({ refundedFen: 1500 });
});

describe('decideAbnormalRefundCompletion', () => {
  it('books the abnormal refund in progress', () => {
    expect(decideAbnormalRefundCompletion({ abnormal }, 'R1', false)).toEqual({ ok: true, abnormal });
  });

  it('refuses without abnormal money or when it is not the one in progress', () => {
    expect(decideAbnormalRefundCompletion({}, 'R1', false)).toEqual({
      ok: false,
      outcome: { kind: 'mismatch', reason: 'abnormal refund without abnormal money' },
    });
    expect(decideAbnormalRefundCompletion({ abnormal }, 'R2', false)).toEqual({
      ok: false,
      outcome: { kind: 'mismatch', reason: 'abnormal refund not in progress' },
    });
  });

  it('a reopened one is booked when none is in progress, and waits while another is', () => {
    expect(decideAbnormalRefundCompletion({ abnormal: { ...abnormal, refundingId: null } }, 'R1', true)).toMatchObject({ ok: true });
    expect(decideAbnormalRefundCompletion({ abnormal }, 'R2', true)).toEqual({ ok: false, outcome: { kind: 'busy' } });
  });
});

it('abnormalAfterFailedRefund frees only the refund in progress', () => {
  expect(abnormalAfterFailedRefund({ abnormal }, 'R1')).toEqual({ ...abnormal, refundingId: null });
  expect(abnormalAfterFailedRefund({ abnormal }, 'R2')).toBeNull();
  expect(abnormalAfterFailedRefund({}, 'R1')).toBeNull();
});
