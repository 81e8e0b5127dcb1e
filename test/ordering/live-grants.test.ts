/**
 * The function side of the live views' security rules: a verified table scan and 后厨看板's
 * startLiveView write expiring grants to `live_grants`, which the emulator's watch endpoint reads
 * through the declared rules — granted readers see the table's cart and the store's orders, the
 * others are refused.
 */
import WebSocket from 'ws';
import { grantStoreLive, grantTableLive, TABLE_LIVE_GRANT_MS } from '../../cloudfunctions/ordering/src/application/live-access';
import { withTableLiveGrant } from '../../cloudfunctions/ordering/src/handlers/live-grants';
import { createCollections } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emulator: TestEmulator;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startTestEmulator();
  createCollections(emulator.db);
  Object.assign(process.env, {
    TCB_ENV: emulator.envId,
    SCF_NAMESPACE: emulator.envId,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${emulator.url}/admin` }),
    TENCENTCLOUD_SESSIONTOKEN: 'emulator',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRETKEY: emulator.credentials.secretKey,
  });
  // the store the grants name: a store live view is only granted for a store that exists
  emulator.db.insertRaw('stores', [{ _id: 's1', name: '测试门店', status: 'active' }]);
  emulator.db.insertRaw('table_cart_lines', [{ _id: 'A01:1:k:d1', tableId: 'A01', storeId: 's1', round: 1, dishId: 'd1', quantity: 1 }]);
  emulator.db.insertRaw('orders', [
    { _id: 'o1', storeId: 's1', openid: 'x', source: 'table', status: 'pending', items: [], totalFen: 0, createdAt: new Date() },
  ]);
});

afterAll(async () => {
  process.env = savedEnv;
  await emulator?.stop();
});

function firstMessage(openid: string, query: Record<string, unknown>): Promise<{ type: string; errCode?: number; docs?: { _id: string }[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${emulator.url.replace(/^http/, 'ws')}/_emulator/watch`, { headers: { 'x-wx-openid': openid } });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'watch', ...query })));
    socket.on('message', (data) => {
      socket.close();
      resolve(JSON.parse(String(data)));
    });
    socket.on('error', reject);
  });
}

const log = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return log;
  },
} as never;

describe('live grants', () => {
  it('a verified table scan grants the diner the table (4 h): the cart becomes readable to them only', async () => {
    const cart = { collection: 'table_cart_lines', where: { tableId: 'A01', round: 1 } };
    expect(await firstMessage('diner-1', cart)).toMatchObject({ type: 'error', errCode: -502003 });
    const scan = withTableLiveGrant(async (_input: unknown, _ctx: unknown) => ({ tableId: 'A01', cartRound: 1 }));
    const before = Date.now();
    await scan({}, { caller: { openid: 'diner-1' }, log, requestId: 'r1' } as never);
    const grant = emulator.db.readOne('live_grants', 'diner-1') as { tables: Record<string, number> };
    expect(grant.tables.A01).toBeGreaterThanOrEqual(before + TABLE_LIVE_GRANT_MS);
    expect(await firstMessage('diner-1', cart)).toMatchObject({ type: 'snapshot', docs: [{ _id: 'A01:1:k:d1' }] });
    expect(await firstMessage('diner-2', cart)).toMatchObject({ type: 'error', errCode: -502003 });
  });

  it('grants accumulate per user (a second table, a store) without losing the first', async () => {
    await grantTableLive('diner-1', 'B02');
    await grantStoreLive('diner-1', 's1');
    const grant = emulator.db.readOne('live_grants', 'diner-1') as { tables: Record<string, number>; stores: Record<string, number> };
    expect(Object.keys(grant.tables).sort()).toEqual(['A01', 'B02']);
    expect(Object.keys(grant.stores)).toEqual(['s1']);
    expect(await firstMessage('diner-1', { collection: 'orders', where: { storeId: 's1', status: 'pending' } })).toMatchObject({ type: 'snapshot' });
  });

  it('a scan that fails grants nothing', async () => {
    const scan = withTableLiveGrant(async () => {
      throw new Error('桌码已失效');
    });
    await expect(scan({}, { caller: { openid: 'forger' }, log, requestId: 'r2' } as never)).rejects.toThrow('桌码已失效');
    expect(emulator.db.readOne('live_grants', 'forger')).toBeNull();
  });
});
