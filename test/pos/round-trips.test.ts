import { demoIntegration, order, signedCall, startPosEnv, type PosTestEnv } from './support';

let env: PosTestEnv;

beforeAll(async () => {
  env = await startPosEnv();
});
afterAll(() => env?.emulator.stop());

const dbActions = () => Object.fromEntries(Object.entries(env.emulator.stats()).filter(([action]) => action.startsWith('database.')));
const total = (stats: Record<string, number>) => Object.values(stats).reduce((a, b) => a + b, 0);

/*
 * Replay protection claims the nonce before anything is written, so the happy path needs four
 * writes: rate budget (a per-minute counter), nonce (unique across the ±300 s window, i.e. across
 * several counters, so it cannot live in one), the order and the sync log. CloudBase has no
 * write spanning two collections outside a transaction (which costs more requests), so four is
 * the floor. The budget and the nonce are sent in parallel: three round trips of latency.
 */
describe('database round trips of order sync (counted at the emulator)', () => {
  it('happy path on a warm instance: 4 requests (budget ∥ nonce, order add, sync log)', async () => {
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('WARM_0'));
    env.emulator.resetStats();
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_1'));
    expect(res.json.data.carbonStatus).toBe('calculated');
    const stats = dbActions();
    expect(total(stats)).toBeLessThanOrEqual(4);
    expect(stats).toEqual({ 'database.modifyDocument': 1, 'database.insertDocument': 3 });
  });

  it('an idempotent replay costs one extra read and writes nothing but its nonce and log', async () => {
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_3'));
    env.emulator.resetStats();
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_3'));
    expect(total(dbActions())).toBeLessThanOrEqual(5);
  });
});
