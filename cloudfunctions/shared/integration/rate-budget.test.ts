import { MAX_RATE_LEASE, RateLeases, rateBucketFor, rateLeaseSize } from './rate-budget';

describe('rateBucketFor', () => {
  it('keys the bucket by integration and minute and says how long until the next minute', () => {
    const at = new Date('2025-01-15T10:30:45.200Z');
    const bucket = rateBucketFor('posint_a', at);
    expect(bucket.id).toBe(`posint_a:${Math.floor(at.getTime() / 60000)}`);
    expect(bucket.retryAfterSeconds).toBe(15);
    expect(rateBucketFor('posint_a', new Date('2025-01-15T10:30:59.999Z')).retryAfterSeconds).toBe(1);
    expect(rateBucketFor('posint_a', new Date('2025-01-15T10:31:00.000Z')).id).not.toBe(bucket.id);
  });
});

describe('rateLeaseSize', () => {
  it('leases 5 % of the limit, at least 1 and at most MAX_RATE_LEASE', () => {
    expect(rateLeaseSize(1)).toBe(1);
    expect(rateLeaseSize(39)).toBe(1);
    expect(rateLeaseSize(100)).toBe(5);
    expect(rateLeaseSize(600)).toBe(30);
    expect(rateLeaseSize(1_000_000)).toBe(MAX_RATE_LEASE);
  });
});

describe('RateLeases', () => {
  it('spends held tokens of the current bucket only, per integration', () => {
    const leases = new RateLeases();
    expect(leases.take('a', 'a:1')).toBe(false);
    leases.keep('a', 'a:1', 2);
    expect(leases.take('b', 'b:1')).toBe(false);
    expect(leases.take('a', 'a:1')).toBe(true);
    expect(leases.take('a', 'a:1')).toBe(true);
    expect(leases.take('a', 'a:1')).toBe(false);
  });

  it('drops what is left of a past minute', () => {
    const leases = new RateLeases();
    leases.keep('a', 'a:1', 4);
    expect(leases.take('a', 'a:2')).toBe(false);
    leases.keep('a', 'a:2', 0);
    expect(leases.take('a', 'a:1')).toBe(false);
  });
});
