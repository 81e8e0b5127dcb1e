import { demoIntegration, order, signedCall, startPosEnv, type PosTestEnv } from './support';

let env: PosTestEnv;

beforeAll(async () => {
  env = await startPosEnv();
});
afterAll(() => env?.emulator.stop());

const dbActions = () => Object.fromEntries(Object.entries(env.emulator.stats()).filter(([action]) => action.startsWith('database.')));
const total = (stats: Record<string, number>) => Object.values(stats).reduce((a, b) => a + b, 0);

describe('database round trips of order sync (counted at the emulator)', () => {
  it('happy path on a warm instance: ≤ 3 (rate budget, order add, sync log carrying the nonce)', async () => {
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('WARM_0'));
    env.emulator.resetStats();
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_1'));
    expect(res.json.data.carbonStatus).toBe('calculated');
    const stats = dbActions();
    expect(total(stats)).toBeLessThanOrEqual(3);
    expect(stats).toEqual({ 'database.modifyDocument': 1, 'database.insertDocument': 2 });
  });

  it('an idempotent replay costs one extra read and writes nothing but its log', async () => {
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_3'));
    env.emulator.resetStats();
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('RT_3'));
    expect(total(dbActions())).toBeLessThanOrEqual(4);
  });
});
