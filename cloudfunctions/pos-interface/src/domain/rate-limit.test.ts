import { rateBucketFor } from './rate-limit';

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
