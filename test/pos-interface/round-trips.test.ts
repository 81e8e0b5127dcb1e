import { demoIntegration, order, signedCall, startPosEnv, type PosTestEnv } from './support';

let env: PosTestEnv;

beforeAll(async () => {
  env = await startPosEnv();
});
afterAll(() => env?.emulator.stop());

const dbActions = () => Object.fromEntries(Object.entries(env.emulator.stats()).filter(([action]) => action.startsWith('database.')));
const total = (stats: Record<string, number>) => Object.values(stats).reduce((a, b) => a + b, 0);

/*
 * Replay protection claims the nonce before anything is written. The per-minute budget is spent
 * only for a fresh nonce, from tokens the warm instance leased earlier (5 % of the limit per
 * lease), so the happy path is three writes: nonce, order and sync log. When a lease runs out, the
 * next lease is written after the nonce (four requests and round trips, once per lease).
 */
/** Budget buckets are per minute: start a counted run well clear of a minute boundary. */
async function clearOfMinuteBoundary(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

describe('database round trips of order sync (counted at the emulator)', () => {
  it('happy path on a warm instance: 3 requests (nonce, order add, sync log)', async () => {
    await clearOfMinuteBoundary();
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('WARM_0'));
    env.emulator.resetStats();
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_1'));
    expect(res.json.data.carbonStatus).toBe('calculated');
    expect(dbActions()).toEqual({ 'database.insertDocument': 3 });
  });

  it('takes a new budget lease once per lease size (limit 100 → every 5th request), after the nonce', async () => {
    await clearOfMinuteBoundary();
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('LEASE_START')); // this minute's bucket exists: every lease below is an update
    env.emulator.resetStats();
    for (let i = 0; i < 10; i++) await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order(`LEASE_${i}`));
    const stats = dbActions();
    // whatever the instance still holds (0–4 tokens), ten requests need exactly two leases of 5
    expect(stats['database.insertDocument']).toBe(30);
    expect(stats['database.modifyDocument']).toBe(2);
    expect(total(stats)).toBe(32);
  });

  it('an idempotent replay costs one extra read and writes nothing but its nonce and log', async () => {
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_3'));
    env.emulator.resetStats();
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_3'));
    expect(total(dbActions())).toBeLessThanOrEqual(5);
  });
});
