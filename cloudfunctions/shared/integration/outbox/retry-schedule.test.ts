import { MAX_ATTEMPTS, MIN_DELAY_MS, nextRetryDelayMs, retryCeilingMs } from './retry-schedule';

const minutes = (ms: number) => ms / 60_000;

describe('webhook retry schedule', () => {
  it('doubles the ceiling from 10 minutes and caps it at 12 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => minutes(retryCeilingMs(n)))).toEqual([10, 20, 40, 80, 160, 320, 640, 720, 720]);
  });

  it('draws the delay uniformly below the ceiling (full jitter) with a 30 s floor', () => {
    expect(nextRetryDelayMs(3, () => 0.5)).toBe(20 * 60_000);
    expect(nextRetryDelayMs(3, () => 0.999999)).toBeLessThan(40 * 60_000);
    expect(nextRetryDelayMs(1, () => 0)).toBe(MIN_DELAY_MS);
  });

  it('gives up after the tenth attempt', () => {
    expect(MAX_ATTEMPTS).toBe(10);
    expect(nextRetryDelayMs(9, () => 0.5)).not.toBeNull();
    expect(nextRetryDelayMs(10, () => 0.5)).toBeNull();
  });

  it('spreads ten attempts over roughly a day on average', () => {
    const expectedMs = [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((sum, n) => sum + retryCeilingMs(n) / 2, 0);
    expect(expectedMs / 3_600_000).toBeGreaterThan(20);
    expect(expectedMs / 3_600_000).toBeLessThan(26);
  });
});
