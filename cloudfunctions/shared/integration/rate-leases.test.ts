import type { RateBucketStore } from './rate-bucket-store';
import { rateBudget } from './rate-leases';

function fakeStore(tokensPerMinute: number) {
  let used = 0;
  const leases: number[] = [];
  const store: RateBucketStore = {
    lease: async (_bucket, limit, want) => {
      const granted = Math.max(0, Math.min(want, Math.min(limit, tokensPerMinute) - used));
      used += granted;
      leases.push(granted);
      return granted;
    },
    removeExpired: async () => 0,
  };
  return { store, leases };
}

describe('rateBudget (leases per warm instance)', () => {
  it('takes 5 % of the limit per database write and spends the rest from memory', async () => {
    const { store, leases } = fakeStore(100);
    const budget = rateBudget({ store, refused: () => new Error('429') });
    for (let i = 0; i < 10; i++) await budget.spend('party_a', 100);
    expect(leases).toEqual([5, 5]);
  });

  it("throws the context's refusal when the minute's budget is spent", async () => {
    const { store } = fakeStore(2);
    const budget = rateBudget({ store, refused: (bucket, limit) => new Error(`429 ${limit} retry ${bucket.retryAfterSeconds > 0}`) });
    await budget.spend('party_a', 40);
    await budget.spend('party_a', 40);
    await expect(budget.spend('party_a', 40)).rejects.toThrow('429 40 retry true');
  });

  it('keeps each party apart', async () => {
    const { store, leases } = fakeStore(1000);
    const budget = rateBudget({ store, refused: () => new Error('429') });
    await budget.spend('party_a', 100);
    await budget.spend('party_b', 100);
    expect(leases).toEqual([5, 5]);
  });
});
