import { decideSettlement, fenCoveredByTickets, ticketsForFen } from './settlement';

const base = { amountLimitFen: 50_000, method: 'payscore' as const, ticketBalance: 0, ticketsPerYuan: 500 };
const line = (unitPriceFen: number, quantity = 1) => ({ sku: 'SKU1', quantity, unitPriceFen });

describe('cabinet settlement', () => {
  it('nothing taken → empty', () => {
    expect(decideSettlement({ ...base, lines: [] })).toEqual({ kind: 'empty' });
  });
  it('above the store limit → review, at the limit → charged', () => {
    expect(decideSettlement({ ...base, lines: [line(25_001, 2)] })).toMatchObject({ kind: 'review', reason: 'amount_limit', totalFen: 50_002 });
    expect(decideSettlement({ ...base, lines: [line(25_000, 2)] })).toEqual({ kind: 'payscore', totalFen: 50_000 });
  });
  it('an abnormal push always goes to review, even empty', () => {
    expect(decideSettlement({ ...base, lines: [], abnormal: { reason: 'camera_error' } })).toMatchObject({ kind: 'review', reason: 'camera_error' });
  });
  it('a vendor total that disagrees with its lines → review', () => {
    expect(decideSettlement({ ...base, lines: [line(300)], vendorTotalFen: 200 })).toMatchObject({ kind: 'review', reason: 'amount_mismatch' });
  });
  it('tickets: amount × 500 in integers; the remainder becomes WeChat money due', () => {
    expect(decideSettlement({ ...base, method: 'tickets', ticketBalance: 100_000, lines: [line(650, 2)] })).toEqual({
      kind: 'tickets',
      totalFen: 1300,
      ticketFen: 1300,
      tickets: 6500,
      dueFen: 0,
    });
    // 2,001 tickets pay 400 fen (2,000 tickets); 900 fen remain
    expect(decideSettlement({ ...base, method: 'tickets', ticketBalance: 2001, lines: [line(1300)] })).toEqual({
      kind: 'tickets',
      totalFen: 1300,
      ticketFen: 400,
      tickets: 2000,
      dueFen: 900,
    });
  });
  it('ticket arithmetic is exact and never over-spends', () => {
    expect(fenCoveredByTickets(4, 500)).toBe(0);
    expect(fenCoveredByTickets(1_000_000_007, 500)).toBe(200_000_001);
    for (const rate of [1, 3, 7, 500, 999]) {
      for (const balance of [0, 1, 2, 99, 1001, 123_457]) expect(ticketsForFen(fenCoveredByTickets(balance, rate), rate)).toBeLessThanOrEqual(balance);
    }
  });
});
