import { healthOf } from './health';

describe('integration health score', () => {
  it('is idle without exchanges', () => {
    expect(healthOf({ success: 0, partial: 0, failed: 0, avgDurationMs: 0 })).toMatchObject({ total: 0, score: null, grade: 'idle', successRate: null });
  });

  it('is 100 and healthy when everything succeeds quickly', () => {
    expect(healthOf({ success: 50, partial: 0, failed: 0, avgDurationMs: 120 })).toMatchObject({ total: 50, successRate: 100, score: 100, grade: 'healthy' });
  });

  it('counts partial as half a success', () => {
    // (8 + 0.5×2) / 10 = 0.9 → 90, degraded
    expect(healthOf({ success: 8, partial: 2, failed: 0, avgDurationMs: 500 })).toMatchObject({ successRate: 90, score: 90, grade: 'degraded' });
  });

  it('subtracts up to 10 points for slow exchanges', () => {
    // 100 − (2000 − 1000) / 200 = 95
    expect(healthOf({ success: 4, partial: 0, failed: 0, avgDurationMs: 2000 }).score).toBe(95);
    // penalty capped at 10
    expect(healthOf({ success: 4, partial: 0, failed: 0, avgDurationMs: 60000 }).score).toBe(90);
  });

  it('is unhealthy below 80', () => {
    // 7/10 = 70
    expect(healthOf({ success: 7, partial: 0, failed: 3, avgDurationMs: 100 })).toMatchObject({ score: 70, grade: 'unhealthy', successRate: 70 });
    expect(healthOf({ success: 0, partial: 0, failed: 5, avgDurationMs: 9000 })).toMatchObject({ score: 0, grade: 'unhealthy' });
  });
});
