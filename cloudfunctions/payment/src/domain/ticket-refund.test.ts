import { ticketsToReturn } from './ticket-refund';

describe('ticketsToReturn', () => {
  const spent = { method: 'tickets' as const, ticketsSpent: 3000, payableFen: 3000 };

  it('returns tickets in proportion to the money refunded', () => {
    expect(ticketsToReturn({ ...spent, ticketsRefunded: 0 }, 1000)).toBe(1000);
    expect(ticketsToReturn({ ...spent, ticketsRefunded: 0 }, 3000)).toBe(3000);
  });

  it('is cumulative: partial refunds together never return more than was spent, and round down only once', () => {
    const odd = { method: 'tickets' as const, ticketsSpent: 100, payableFen: 300 };
    const first = ticketsToReturn({ ...odd, ticketsRefunded: 0 }, 100); // 33.3 → 33
    const second = ticketsToReturn({ ...odd, ticketsRefunded: first }, 200); // 66.6 → 66, minus 33
    const third = ticketsToReturn({ ...odd, ticketsRefunded: first + second }, 300);
    expect([first, second, third]).toEqual([33, 33, 34]);
    expect(first + second + third).toBe(100);
  });

  it('never returns more than was spent, nor anything for other methods', () => {
    expect(ticketsToReturn({ ...spent, ticketsRefunded: 3000 }, 3000)).toBe(0);
    expect(ticketsToReturn({ ...spent, ticketsRefunded: 0 }, 9000)).toBe(3000);
    expect(ticketsToReturn({ method: 'wechat', ticketsSpent: 3000, payableFen: 3000 }, 3000)).toBe(0);
    expect(ticketsToReturn({ method: 'tickets', payableFen: 3000 }, 3000)).toBe(0);
    expect(ticketsToReturn({ method: 'tickets', ticketsSpent: 10, payableFen: 0 }, 0)).toBe(0);
  });
});
