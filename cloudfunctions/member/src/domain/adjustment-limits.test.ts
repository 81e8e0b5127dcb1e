import { decideAdjustment, limitsFromDocument, NO_LIMITS } from './adjustment-limits';

const limits = { pointsPerOperation: 100, pointsPerDay: 150, ticketsPerOperation: 5000, ticketsPerDay: null };

describe('staff adjustment limits', () => {
  it('allows anything without limits and counts absolute points', () => {
    expect(decideAdjustment(NO_LIMITS, { points: 0, tickets: 0 }, 'points', -1_000_000)).toEqual({
      allowed: true,
      usageAfter: { points: 1_000_000, tickets: 0 },
    });
  });

  it('refuses one operation over the per-operation limit', () => {
    expect(decideAdjustment(limits, { points: 0, tickets: 0 }, 'points', -101)).toMatchObject({ allowed: false, exceeded: 'operation', limit: 100 });
    expect(decideAdjustment(limits, { points: 0, tickets: 0 }, 'tickets', 5001)).toMatchObject({ allowed: false, exceeded: 'operation', limit: 5000 });
  });

  it('refuses what would take the day over its limit, and allows up to it exactly', () => {
    expect(decideAdjustment(limits, { points: 100, tickets: 0 }, 'points', 50)).toEqual({ allowed: true, usageAfter: { points: 150, tickets: 0 } });
    expect(decideAdjustment(limits, { points: 100, tickets: 0 }, 'points', 51)).toMatchObject({ allowed: false, exceeded: 'day', limit: 150, used: 100 });
    expect(decideAdjustment(limits, { points: 0, tickets: 1e9 }, 'tickets', 10)).toMatchObject({ allowed: true });
  });

  it('reads a stored document, ignoring malformed values as no limit', () => {
    expect(limitsFromDocument(null)).toEqual(NO_LIMITS);
    expect(limitsFromDocument({ pointsPerOperation: 10, pointsPerDay: -1, ticketsPerDay: 1.5 } as never)).toEqual({ ...NO_LIMITS, pointsPerOperation: 10 });
  });
});
