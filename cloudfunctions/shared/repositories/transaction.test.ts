import { conflictBackoffMs, DEFAULT_TRANSACTION_ATTEMPTS, retryOnConflict, type RetryEnvironment } from './transaction';

const conflict = () => Object.assign(new Error('[ResourceUnavailable.TransactionConflict] Transaction is conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT' });

function recorder(random = 0.5): RetryEnvironment & { waits: number[] } {
  const waits: number[] = [];
  return { waits, random: () => random, sleep: async (ms) => void waits.push(ms) };
}

describe('retryOnConflict', () => {
  it('runs again after a conflict, waiting a jittered, growing time, and returns the result', async () => {
    const env = recorder(0.5);
    let calls = 0;
    const result = await retryOnConflict(
      async () => {
        calls++;
        if (calls < 4) throw conflict();
        return 'committed';
      },
      {},
      env,
    );
    expect(result).toBe('committed');
    expect(calls).toBe(4);
    expect(env.waits).toEqual([10, 20, 40]); // half of 20, 40, 80
  });

  it('rethrows the last conflict once the attempts are used up (the kit answers it 40902)', async () => {
    const env = recorder();
    let calls = 0;
    await expect(
      retryOnConflict(
        async () => {
          calls++;
          throw conflict();
        },
        { attempts: 3 },
        env,
      ),
    ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(calls).toBe(3);
    expect(env.waits).toHaveLength(2);
  });

  it('never retries another failure (a business refusal or a fault)', async () => {
    const env = recorder();
    let calls = 0;
    await expect(
      retryOnConflict(
        async () => {
          calls++;
          throw new Error('boom');
        },
        {},
        env,
      ),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
    expect(env.waits).toEqual([]);
  });

  it('bounds every wait and the whole default schedule', () => {
    expect(conflictBackoffMs(1, {}, () => 0.999)).toBeLessThan(20);
    expect(conflictBackoffMs(30, {}, () => 0.999)).toBeLessThan(400);
    expect(conflictBackoffMs(3, {}, () => 0)).toBe(0);
    const worst = Array.from({ length: DEFAULT_TRANSACTION_ATTEMPTS - 1 }, (_, i) => conflictBackoffMs(i + 1, {}, () => 1)).reduce((a, b) => a + b, 0);
    expect(worst).toBeLessThanOrEqual(1500);
  });
});
