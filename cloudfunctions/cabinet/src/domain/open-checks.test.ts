import { evaluateOpenChecks } from './open-checks';

const ok = {
  availability: 'available' as const,
  phoneBound: true,
  unpaidCount: 0,
  ticketBalance: 1000,
  minTicketBalance: 500,
  payScore: 'authorized' as const,
  payScoreMode: 'no_confirm' as const,
};

describe('open checks (seed order)', () => {
  it('lists the steps in the seed order and opens when all pass', () => {
    const result = evaluateOpenChecks(ok);
    expect(result.checks.map((c) => c.step)).toEqual(['phone', 'unpaid', 'tickets', 'payscore']);
    expect(result).toMatchObject({ blockedBy: null, canOpen: true });
  });
  it('phone first, then unpaid orders', () => {
    expect(evaluateOpenChecks({ ...ok, phoneBound: false, unpaidCount: 2 }).blockedBy).toBe('phone');
    expect(evaluateOpenChecks({ ...ok, unpaidCount: 1 })).toMatchObject({ blockedBy: 'unpaid', canOpen: false });
  });
  it('tickets below the minimum only take tickets off the menu', () => {
    const result = evaluateOpenChecks({ ...ok, ticketBalance: 499 });
    expect(result.canOpen).toBe(true);
    expect(result.methods).toEqual([
      { method: 'payscore', available: true, reason: null },
      { method: 'tickets', available: false, reason: '礼票余额不足 500 张' },
    ]);
  });
  it('no Pay Score authorization: no-confirm needs it, confirm mode does not', () => {
    expect(evaluateOpenChecks({ ...ok, payScore: 'unauthorized', ticketBalance: 0 }).canOpen).toBe(false);
    expect(evaluateOpenChecks({ ...ok, payScore: 'unauthorized', ticketBalance: 0, payScoreMode: 'confirm' }).canOpen).toBe(true);
  });
  it('an unavailable device never opens', () => {
    expect(evaluateOpenChecks({ ...ok, availability: 'offline' }).canOpen).toBe(false);
  });
});
