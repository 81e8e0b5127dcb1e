/**
 * The table flow end to end through the ordering function on the emulator: a diner scans A01
 * (and is granted the live views), orders; the kitchen board's live query sees the order within
 * 1 s; confirming prints the kitchen ticket on the simulated Feie printer; 加菜 prints only the
 * added dish.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { localFunctionEnv } from '../../emulator/local-config';
import { DEMO } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { printerSimulatorFor } from '../../emulator/simulators/printer';
import { simulatorFunctionEnv } from '../../emulator/simulators/registry';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emulator: TestEmulator;
let dataDir: string;
const scene = `${DEMO.tableId}.${DEMO.tableKey}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'table-flow-'));
  const port = await freePort();
  const functionEnv = { ...localFunctionEnv(dataDir), ...simulatorFunctionEnv(dataDir, `http://127.0.0.1:${port}`), LOG_LEVEL: 'warn' };
  emulator = await startTestEmulator({ dataDir, port, functionEnv });
  createCollections(emulator.db);
  seedDemoData(emulator.db, dataDir, functionEnv);
  printerSimulatorFor(emulator).echo = false;
});

afterAll(async () => {
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const ok = async <T = any>(action: string, data: Record<string, unknown>, openid: string): Promise<T> => {
  const reply = await emulator.call<{ code: number; message: string; data: T }>('ordering', { action, ...data }, openid);
  if (reply.code !== 0) throw new Error(`${action}: ${reply.code} ${reply.message}`);
  return reply.data;
};

it('scan → order → the kitchen board sees it < 1 s → confirm prints the ticket → 加菜 prints only the delta', async () => {
  const printer = printerSimulatorFor(emulator);
  const session = await ok('resolveTable', { scene }, DEMO.dinerOpenid);
  expect(emulator.db.readOne('live_grants', DEMO.dinerOpenid)).toMatchObject({ tables: { [DEMO.tableId]: expect.any(Number) } });
  const menu = await ok('getMenu', { storeId: DEMO.storeId }, DEMO.dinerOpenid);
  const dishes = (menu.dishes as { dishId: string; name: string; soldByWeight: boolean; soldOut: boolean; available?: boolean }[]).filter(
    (d) => !d.soldByWeight && !d.soldOut && d.available !== false,
  );
  await ok('addToCart', { scene, dishId: dishes[0].dishId, quantity: 1 }, DEMO.dinerOpenid);

  // the kitchen board: a store grant, then the live query
  await ok('startLiveView', { storeId: DEMO.storeId }, DEMO.clerkOpenid);
  const snapshots: { _id: string }[][] = [];
  const socket = new WebSocket(`${emulator.url.replace(/^http/, 'ws')}/_emulator/watch`, { headers: { 'x-wx-openid': DEMO.clerkOpenid } });
  await new Promise((resolve) => socket.on('open', resolve));
  socket.on('message', (data) => snapshots.push(JSON.parse(String(data)).docs ?? []));
  socket.send(
    JSON.stringify({
      type: 'watch',
      collection: 'orders',
      where: { storeId: DEMO.storeId, source: 'table', status: { $in: ['pending', 'paid', 'confirmed', 'preparing', 'serving'] } },
    }),
  );
  const until = async (test: () => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    while (!test()) {
      if (Date.now() > end) throw new Error('timeout');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await until(() => snapshots.length > 0);

  const placedAt = Date.now();
  const placed = await ok(
    'placeTableOrder',
    { scene, cartRound: session.cartRound, partySize: 2, remarks: '', payMode: 'counter', requestId: 'place-req-0001' },
    DEMO.dinerOpenid,
  );
  const orderId = placed.orders[0].orderId;
  await until(() => snapshots.some((docs) => docs.some((d) => d._id === orderId)), 1000);
  console.log(`kitchen board latency (placeTableOrder reply → watch snapshot): ${Date.now() - placedAt} ms after the call started`);
  socket.close();

  const before = printer.tickets.length;
  await ok('advanceTableOrder', { storeId: DEMO.storeId, orderId, step: 'confirm' }, DEMO.clerkOpenid);
  const first = printer.tickets.slice(before);
  expect(first.length).toBeGreaterThanOrEqual(1);
  expect(first.map((t) => t.text).join('\n')).toContain(dishes[0].name);

  const added = dishes.find((d: any) => d.name !== dishes[0].name)!;
  const cart = await ok('getTableCart', { scene }, DEMO.dinerOpenid);
  await ok('addToCart', { scene, dishId: added.dishId, quantity: 1 }, DEMO.dinerOpenid);
  const mid = printer.tickets.length;
  await ok('addDishes', { scene, cartRound: cart.cartRound, orderId, requestId: 'add-req-00001' }, DEMO.dinerOpenid);
  const delta = printer.tickets.slice(mid);
  expect(delta).toHaveLength(1);
  expect(delta[0].text).toContain('【加菜】');
  expect(delta[0].text).toContain(added.name);
  expect(delta[0].text).not.toContain(dishes[0].name);
});
