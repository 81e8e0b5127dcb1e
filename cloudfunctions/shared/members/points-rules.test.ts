import { pointsForPayment, pointsToReverse, ticketsForAmount } from './points-rules';

describe('pointsForPayment', () => {
  it('gives 1 point per whole yuan (floor)', () => {
    expect(pointsForPayment(0)).toBe(0);
    expect(pointsForPayment(99)).toBe(0);
    expect(pointsForPayment(100)).toBe(1);
    expect(pointsForPayment(7699)).toBe(76);
  });

  it('uses the configured rate', () => {
    expect(pointsForPayment(7699, { pointsPerYuan: 2, ticketsPerYuan: 500 })).toBe(153);
  });

  it('rejects fractional or negative fen', () => {
    expect(() => pointsForPayment(10.5)).toThrow(RangeError);
    expect(() => pointsForPayment(-1)).toThrow(RangeError);
  });
});

describe('ticketsForAmount (seed 004: ¥X costs X×500 tickets)', () => {
  it('is exact from fen', () => {
    expect(ticketsForAmount(100)).toBe(500);
    expect(ticketsForAmount(1)).toBe(5);
    expect(ticketsForAmount(1234)).toBe(6170);
  });

  it('rounds a fractional ticket up for other rates', () => {
    expect(ticketsForAmount(1, { pointsPerYuan: 1, ticketsPerYuan: 30 })).toBe(1);
    expect(ticketsForAmount(10, { pointsPerYuan: 1, ticketsPerYuan: 30 })).toBe(3);
  });
});

describe('pointsToReverse', () => {
  it('reverses everything on a full refund', () => {
    expect(pointsToReverse({ earned: 76, alreadyReversed: 0, paidFen: 7699, refundedFenAfter: 7699 })).toBe(76);
  });

  it('floors a partial refund and lets the last refund catch up exactly', () => {
    const first = pointsToReverse({ earned: 76, alreadyReversed: 0, paidFen: 7699, refundedFenAfter: 2500 });
    expect(first).toBe(24); // 76 × 2500 / 7699 = 24.68
    const second = pointsToReverse({ earned: 76, alreadyReversed: first, paidFen: 7699, refundedFenAfter: 5000 });
    expect(second).toBe(25); // cumulative floor(49.36) = 49
    const last = pointsToReverse({ earned: 76, alreadyReversed: first + second, paidFen: 7699, refundedFenAfter: 7699 });
    expect(first + second + last).toBe(76);
  });

  it('never exceeds what was earned, whatever refunds arrive', () => {
    let reversed = 0;
    let refunded = 0;
    for (const refund of [1, 333, 1000, 5000, 9999, 9999]) {
      refunded += refund;
      reversed += pointsToReverse({ earned: 50, alreadyReversed: reversed, paidFen: 5099, refundedFenAfter: refunded });
      expect(reversed).toBeLessThanOrEqual(50);
    }
    expect(reversed).toBe(50);
  });

  it('is zero when nothing was earned', () => {
    expect(pointsToReverse({ earned: 0, alreadyReversed: 0, paidFen: 50, refundedFenAfter: 50 })).toBe(0);
  });
});
