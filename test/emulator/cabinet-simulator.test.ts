import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollections } from '../../emulator/seed/seed';
import { DEMO } from '../../emulator/seed/demo-data';
import { cabinetVendor } from '../../emulator/simulators/cabinet';
import { cabinetSimulatorFor, type CabinetSimulator } from '../../emulator/simulators/cabinet-vendor';
import { loadPosTls } from '../../emulator/simulators/pos-tls';
import { xiaomaiAdapter } from '../../cloudfunctions/cabinet/src/adapters/xiaomai/adapter';
import type { VendorEndpoint } from '../../cloudfunctions/cabinet/src/adapters/types';
import {
  AbnormalOrderPushSchema,
  AlarmPushSchema,
  DoorEventSchema,
  HeartbeatSchema,
  INBOUND_ROUTES,
  OrderPushSchema,
} from '../../cloudfunctions/cabinet/src/adapters/xiaomai/protocol';
import { verifySignature } from '../../cloudfunctions/shared/integration/signature';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

/**
 * The simulated 小麦 vendor cloud driven by the product's own 小麦 adapter (signed, through the
 * SSRF guard and TLS check, protocol-checked replies); its pushes land on a recorder that checks
 * every signature and body against the product's schemas, as the cabinet function would.
 */

interface Received {
  path: string;
  body: Record<string, unknown>;
  signatureValid: boolean;
}

const DEVICE = 'XM-TEST-0001';
const STORE = 'store_cab_sim';

let emulator: TestEmulator;
let sim: CabinetSimulator;
let recorder: Server;
let endpoint: VendorEndpoint;
const received: Received[] = [];
let failNextPushes = 0;
let seq = 0;

const SCHEMAS: Record<string, { parse(value: unknown): unknown }> = {
  [INBOUND_ROUTES.doorEvents.path]: DoorEventSchema,
  [INBOUND_ROUTES.orders.path]: OrderPushSchema,
  [INBOUND_ROUTES.abnormalOrders.path]: AbnormalOrderPushSchema,
  [INBOUND_ROUTES.heartbeats.path]: HeartbeatSchema,
  [INBOUND_ROUTES.alarms.path]: AlarmPushSchema,
};

beforeAll(async () => {
  emulator = await startTestEmulator();
  createCollections(emulator.db);
  emulator.db.insertRaw('devices', [{ _id: DEVICE, deviceCode: DEVICE, storeId: STORE, vendor: 'xiaomai' }]);
  emulator.db.insertRaw('cabinet_products', [
    { _id: 'p1', storeId: STORE, sku: 'COLA-330', name: '可乐 330ml', priceFen: 350, status: 'on_sale' },
    { _id: 'p2', storeId: STORE, sku: 'CHIPS-70', name: '薯片 70g', priceFen: 800, status: 'on_sale' },
  ]);
  recorder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const h = (name: string) => String(req.headers[name] ?? '');
      const signatureValid =
        h('x-api-key') === DEMO.cabinetVendor.apiKey &&
        verifySignature(
          { method: req.method ?? '', pathWithQuery: req.url ?? '', timestamp: h('x-timestamp'), nonce: h('x-nonce'), rawBody: raw },
          DEMO.cabinetVendor.apiSecret,
          h('x-signature'),
        );
      const body = JSON.parse(raw) as Record<string, unknown>;
      SCHEMAS[req.url ?? '']?.parse(body);
      received.push({ path: req.url ?? '', body, signatureValid });
      const fail = failNextPushes > 0;
      if (fail) failNextPushes -= 1;
      res.statusCode = fail ? 500 : 200;
      res.end(JSON.stringify({ code: fail ? 500 : 0, message: 'ok', data: { eventId: body.eventId, duplicate: false } }));
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  sim = cabinetSimulatorFor(emulator);
  sim.echo = false;
  const tls = loadPosTls(emulator.dataDir);
  await sim.listen(0, tls);
  const port = (sim as unknown as { server: Server }).server.address() as AddressInfo;
  sim.url = `https://127.0.0.1:${port.port}`;
  sim.configure({ openDelayMs: 20, pushBaseUrl: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}` });
  // The functions' configuration for this simulator (what npm start passes them).
  process.env.OUTBOUND_ALLOW_HOSTS = `127.0.0.1:${port.port}`;
  process.env.OUTBOUND_CA_PEM = tls.cert;
  endpoint = { baseUrl: sim.url, apiKey: DEMO.cabinetVendor.apiKey, secret: DEMO.cabinetVendor.apiSecret };
});
afterAll(async () => {
  await sim?.idle();
  await new Promise((resolve) => recorder?.close(resolve));
  await emulator?.stop();
});
afterEach(async () => {
  await sim.idle();
  sim.fault('clear');
});

const requestId = () => `req-cab-sim-${Date.now().toString(36)}-${++seq}`;
const command = (id: string, type: 1 | 2 = 1, deviceCode = DEVICE) => ({
  requestId: id,
  deviceCode,
  type,
  userCode: 'user-code-0001',
  openTimeoutSeconds: 60,
  timestamp: Math.floor(Date.now() / 1000),
});
const pushesFor = (id: string) => received.filter((r) => r.body.requestId === id);

async function openDoor(id = requestId()) {
  const result = await xiaomaiAdapter.openDoor(endpoint, command(id), 5000);
  if (!result.ok) throw new Error(`open refused: ${result.message}`);
  await sim.idle();
  return { id, orderCode: result.data.orderCode };
}

describe('cabinet vendor simulator (小麦)', () => {
  it('accepts a signed open-door command once per requestId and pushes door.opened, signed', async () => {
    const id = requestId();
    const first = await xiaomaiAdapter.openDoor(endpoint, command(id), 5000);
    const again = await xiaomaiAdapter.openDoor(endpoint, command(id), 5000);
    expect(first).toEqual({ ok: true, data: { requestId: id, orderCode: expect.stringMatching(/^XMO/), accepted: true } });
    expect(again).toEqual(first);
    await sim.idle();
    const pushes = pushesFor(id);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ path: INBOUND_ROUTES.doorEvents.path, signatureValid: true, body: { type: 'door.opened', deviceCode: DEVICE } });
    const status = await xiaomaiAdapter.queryDoor(endpoint, { deviceCode: DEVICE, requestId: id }, 5000);
    expect(status).toMatchObject({ ok: true, data: { doorState: 'open', sessionState: 'opened', requestId: id } });

    // the door is taken: another diner's command is refused
    const busy = await xiaomaiAdapter.openDoor(endpoint, command(requestId()), 5000);
    expect(busy).toMatchObject({ ok: false, retryable: false, errorCode: 'DEVICE_BUSY' });

    await sim.closeDoor(DEVICE, [
      { sku: 'COLA-330', quantity: 2 },
      { sku: 'CHIPS-70', quantity: 1 },
    ]);
    const [, closed, order] = pushesFor(id);
    expect(closed.body).toMatchObject({ type: 'door.closed', orderCode: first.ok ? first.data.orderCode : '' });
    expect(order).toMatchObject({
      path: INBOUND_ROUTES.orders.path,
      signatureValid: true,
      body: {
        handleStatus: 'auto',
        totalFen: 1500,
        goods: [
          { sku: 'COLA-330', name: '可乐 330ml', quantity: 2, unitPriceFen: 350 },
          { sku: 'CHIPS-70', name: '薯片 70g', quantity: 1, unitPriceFen: 800 },
        ],
      },
    });
  });

  it('refuses forged, unknown-device and offline commands', async () => {
    const forged = await xiaomaiAdapter.openDoor({ ...endpoint, secret: 'not-the-secret' }, command(requestId()), 5000);
    expect(forged).toMatchObject({ ok: false, retryable: false, errorCode: 'SIGNATURE_INVALID', status: 401 });
    expect(await xiaomaiAdapter.openDoor(endpoint, command(requestId(), 1, 'XM-NOPE-0001'), 5000)).toMatchObject({ ok: false, errorCode: 'DEVICE_NOT_FOUND' });
    sim.setOnline(DEVICE, false);
    expect(await xiaomaiAdapter.openDoor(endpoint, command(requestId()), 5000)).toMatchObject({ ok: false, errorCode: 'DEVICE_OFFLINE' });
    sim.setOnline(DEVICE, true);
    await sim.idle();
    const heartbeats = received.filter((r) => r.path === INBOUND_ROUTES.heartbeats.path);
    expect(heartbeats.slice(-2).map((r) => r.body.online)).toEqual([false, true]);
  });

  it('empty and abnormal closes; restock pushes no order', async () => {
    const empty = await openDoor();
    await sim.closeDoor(DEVICE, []);
    expect(pushesFor(empty.id).at(-1)?.body).toMatchObject({ goods: [], totalFen: 0 });
    const abnormal = await openDoor();
    await sim.closeDoor(DEVICE, [{ sku: 'COLA-330', quantity: 1 }], { reason: 'weight_error', description: '称重与识别不符' });
    expect(pushesFor(abnormal.id).at(-1)).toMatchObject({
      path: INBOUND_ROUTES.abnormalOrders.path,
      body: { reason: 'weight_error', goods: [{ sku: 'COLA-330' }] },
    });
    const restock = requestId();
    expect(await xiaomaiAdapter.openDoor(endpoint, command(restock, 2), 5000)).toMatchObject({ ok: true });
    await sim.idle();
    await sim.closeDoor(DEVICE);
    expect(pushesFor(restock).map((r) => r.body.type ?? 'order')).toEqual(['door.opened', 'door.closed']);
  });

  it('faults: 5xx commands, a door that fails, duplicate and out-of-order pushes, resends', async () => {
    sim.fault({ commandErrors: 1 });
    expect(await xiaomaiAdapter.openDoor(endpoint, command(requestId()), 5000)).toMatchObject({ ok: false, retryable: true, status: 503 });

    sim.fault({ openFailures: 1 });
    const failed = requestId();
    expect(await xiaomaiAdapter.openDoor(endpoint, command(failed), 5000)).toMatchObject({ ok: true });
    await sim.idle();
    expect(pushesFor(failed).map((r) => r.body.type)).toEqual(['door.open_failed']);

    const duplicated = await openDoor();
    sim.fault({ duplicatePushes: 1, orderBeforeClose: 1 });
    await sim.closeDoor(DEVICE, [{ sku: 'CHIPS-70', quantity: 1 }]);
    const pushes = pushesFor(duplicated.id).slice(1);
    // order first, then its exact resend and the same order under a new event, then door.closed
    expect(pushes.map((r) => r.path)).toEqual([
      INBOUND_ROUTES.orders.path,
      INBOUND_ROUTES.orders.path,
      INBOUND_ROUTES.orders.path,
      INBOUND_ROUTES.doorEvents.path,
    ]);
    expect(pushes[0].body.eventId).toBe(pushes[1].body.eventId);
    expect(pushes[2].body.eventId).not.toBe(pushes[0].body.eventId);
    expect(new Set(pushes.slice(0, 3).map((r) => r.body.orderCode)).size).toBe(1);

    // an unacknowledged push is resent with the same eventId
    failNextPushes = 1;
    const retried = await openDoor();
    const opened = pushesFor(retried.id);
    expect(opened).toHaveLength(2);
    expect(opened[0].body.eventId).toBe(opened[1].body.eventId);
    expect(sim.pushes.filter((p) => p.eventId === opened[0].body.eventId).map((p) => [p.attempt, p.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    await sim.closeDoor(DEVICE, []);
  });

  it('closes by itself when configured to (automatic sessions)', async () => {
    sim.configure({ autoCloseMs: 30, autoGoods: 'one' });
    try {
      const opened = await openDoor();
      await sim.idle();
      expect(pushesFor(opened.id).map((r) => r.body.type ?? 'order')).toEqual(['door.opened', 'door.closed', 'order']);
      expect(pushesFor(opened.id).at(-1)?.body).toMatchObject({ goods: [{ sku: 'COLA-330', quantity: 1, unitPriceFen: 350 }] });
    } finally {
      sim.configure({ autoCloseMs: null });
    }
  });

  it('a command that is never answered times out at the caller', async () => {
    sim.fault({ commandTimeouts: 1 });
    expect(await xiaomaiAdapter.openDoor(endpoint, command(requestId()), 300)).toMatchObject({ ok: false, retryable: true, status: 0 });
  });

  it('alarms and heartbeats follow the protocol', async () => {
    expect(await sim.alarm(DEVICE, 'lock', 'raised', '门锁异常')).toBe(true);
    expect(received.at(-1)).toMatchObject({ path: INBOUND_ROUTES.alarms.path, signatureValid: true, body: { kind: 'lock', state: 'raised' } });
    await expect(sim.alarm(DEVICE, 'smoke' as never)).rejects.toMatchObject({ status: 400 });
  });

  it('is driven through /_emulator/cabinet/* and the CLI verb', async () => {
    const opened = await openDoor();
    const closed = await emulator.http('POST', '/_emulator/cabinet/close', { body: { device: DEVICE, goods: 'COLA-330:3' } });
    expect(closed).toMatchObject({ status: 200, json: { requestId: opened.id, state: 'settled' } });
    expect(pushesFor(opened.id).at(-1)?.body).toMatchObject({ totalFen: 1050 });
    expect(await emulator.http('POST', '/_emulator/cabinet/close', { body: { device: DEVICE } })).toMatchObject({ status: 409 });
    expect(await emulator.http('POST', '/_emulator/cabinet/fault', { body: { commandErrors: -1 } })).toMatchObject({ status: 400 });
    const state = await emulator.http('GET', '/_emulator/cabinet/state');
    expect(state.json.sessions.length).toBeGreaterThan(0);

    const verb = cabinetVendor.cliVerbs![0];
    expect(verb.request('close --device XM-DEMO-0001 --goods COLA-330:2,CHIPS-70:1')).toEqual({
      method: 'POST',
      path: '/_emulator/cabinet/close',
      body: { device: 'XM-DEMO-0001', goods: 'COLA-330:2,CHIPS-70:1' },
    });
    expect(verb.request('abnormal reason=camera_error')).toMatchObject({ body: { reason: 'camera_error' } });
    expect(verb.request('fault 5xx=2 duplicate')).toMatchObject({ body: { commandErrors: 2, duplicatePushes: 1 } });
    expect(verb.request('fault clear')).toMatchObject({ body: { clear: true } });
    expect(verb.request('alarm')).toBeUndefined();
    expect(verb.request('nonsense')).toBeUndefined();
  });
});
