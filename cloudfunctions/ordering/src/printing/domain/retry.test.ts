import { MAX_PRINT_ATTEMPTS, nextPrintRetryDelayMs } from './retry';

describe('print retry schedule', () => {
  it('backs off within growing bounds, then gives up after the last attempt', () => {
    expect(nextPrintRetryDelayMs(1, () => 0.999)).toBeLessThanOrEqual(30_000);
    expect(nextPrintRetryDelayMs(4, () => 0.999)).toBeLessThanOrEqual(240_000);
    expect(nextPrintRetryDelayMs(2, () => 0)).toBe(10_000);
    expect(nextPrintRetryDelayMs(MAX_PRINT_ATTEMPTS)).toBeNull();
  });
});
