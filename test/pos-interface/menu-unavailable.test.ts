/**
 * Seed 五.5.2 degradation when the menu cannot be read during order sync: the order is still
 * stored, with carbon pending, and the timer computes it once the menu can be read again.
 * The menu read is made to fail by starting without the `menu_items` collection (reads of a
 * missing collection fail in CloudBase as in the emulator), then creating it.
 */
import { randomBytes } from 'node:crypto';
import { ALL_COLLECTIONS, Collections } from '../../cloudfunctions/shared/collections';
import { DEMO, demoDocuments } from '../../emulator/seed/demo-data';
import { connectSdk, startTestEmulator } from '../helpers/emulator';
import { demoIntegration, order, signedCall, type PosTestEnv } from './support';

let env: PosTestEnv;
let menuItems: Record<string, unknown>[];

beforeAll(async () => {
  const masterKey = randomBytes(32).toString('base64');
  const emulator = await startTestEmulator({ functionEnv: { SECRETS_MASTER_KEY: masterKey, SECRETS_MASTER_KEY_ID: 'test', LOG_LEVEL: 'error' } });
  const master = { id: 'test', key: Buffer.from(masterKey, 'base64') };
  for (const name of ALL_COLLECTIONS) if (name !== Collections.menuItems) emulator.db.ensureCollection(name);
  const { menu_items, ...rest } = demoDocuments(master);
  menuItems = menu_items;
  for (const [collection, docs] of Object.entries(rest)) emulator.db.insertRaw(collection, docs);
  env = { emulator, db: connectSdk(emulator.url).database(), master };
});
afterAll(() => env?.emulator.stop());

const stored = async (orderId: string) => (await env.db.collection('pos_orders').doc(`${DEMO.pos.integrationId}:${orderId}`).get()).data as Record<string, any>;

describe('order sync while the menu cannot be read', () => {
  it('stores the order with carbon pending (not a 500); the timer computes it once the menu is readable', async () => {
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('NO_MENU_1'));
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ orderId: 'NO_MENU_1', carbonStatus: 'pending', carbonImpact: null });
    expect(await stored('NO_MENU_1')).toMatchObject({ carbonStatus: 'pending', carbonPendingReason: { code: 'MENU_UNAVAILABLE' }, totalAmountFen: 7600 });

    const batch = await signedCall(env, demoIntegration, 'POST', '/v1/pos/orders/batch-sync', { orders: [order('NO_MENU_2')] });
    expect(batch.status).toBe(200);
    expect(batch.json.data.results[0]).toMatchObject({ code: 0, outcome: 'created', data: { carbonStatus: 'pending' } });

    // the menu comes back: the timer computes both
    env.emulator.db.insertRaw(Collections.menuItems, menuItems);
    await env.emulator.timers.fire('pos-interface');
    expect(await stored('NO_MENU_1')).toMatchObject({ carbonStatus: 'calculated', carbon: { carbonImpact: { unit: 'kg CO₂e' } } });
    expect(await stored('NO_MENU_2')).toMatchObject({ carbonStatus: 'calculated' });
  });
});
