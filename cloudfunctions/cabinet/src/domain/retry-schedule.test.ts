import { MAX_ATTEMPTS, nextRetryDelayMs } from './retry-schedule';

describe('cabinet retry schedule (seed 五.5.1)', () => {
  it('retries at 15 s, 30 s and 60 s, then goes to the manual queue', () => {
    expect([1, 2, 3, 4].map(nextRetryDelayMs)).toEqual([15_000, 30_000, 60_000, null]);
    expect(MAX_ATTEMPTS).toBe(4);
  });
  it('refuses nonsense attempts', () => {
    expect(() => nextRetryDelayMs(0)).toThrow(RangeError);
  });
});
