/**
 * The emulator's db.watch equivalent (emulator/http/watch.ts) over a real WebSocket: snapshots
 * on every committed write, the declared security rules (cloudfunctions/shared/orders/database.ts,
 * cloudfunctions/ordering/database.ts) enforced on the query and on each document, the 5,000
 * records limit, and the screen-off drop (-402004).
 */
import WebSocket from 'ws';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emulator: TestEmulator;
const HOUR = 3600_000;
const STORE = 'rest_watch_1';
const OTHER_STORE = 'rest_watch_2';

interface Message {
  type: 'snapshot' | 'error';
  docs?: Record<string, unknown>[];
  errCode?: number;
  errMsg?: string;
}

/** Opens a watch as the mini-program's transport does and collects what arrives. */
function watch(openid: string, query: Record<string, unknown>) {
  const messages: Message[] = [];
  const waiters: (() => void)[] = [];
  const socket = new WebSocket(`${emulator.url.replace(/^http/, 'ws')}/_emulator/watch`, { headers: { 'x-wx-openid': openid } });
  socket.on('open', () => socket.send(JSON.stringify({ type: 'watch', ...query })));
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as Message);
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (count: number, timeoutMs = 3000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs;
    while (messages.length < count) {
      if (Date.now() > deadline) throw new Error(`no message ${count} within ${timeoutMs} ms (got ${JSON.stringify(messages)})`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return messages[count - 1];
  };
  return { socket, messages, next, close: () => socket.close() };
}

function grant(openid: string, stores: Record<string, number>, tables: Record<string, number> = {}) {
  emulator.db.insertRaw('live_grants', [{ _id: openid, stores, tables, updatedAt: new Date() }]);
}

function order(id: string, storeId: string, openid: string, extra: Record<string, unknown> = {}) {
  return { _id: id, storeId, openid, source: 'table', status: 'pending', items: [], totalFen: 100, createdAt: new Date(), ...extra };
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  for (const c of ['orders', 'table_cart_lines', 'live_grants']) emulator.db.ensureCollection(c);
  grant('kitchen-1', { [STORE]: Date.now() + HOUR });
  grant('kitchen-2', { [OTHER_STORE]: Date.now() + HOUR });
  grant('kitchen-expired', { [STORE]: Date.now() - 1 });
  grant('diner-a', {}, { T01: Date.now() + HOUR });
  emulator.db.insertRaw('orders', [
    order('o_1', STORE, 'diner-a', { table: { tableId: 'T01' } }),
    order('o_2', OTHER_STORE, 'diner-b', { table: { tableId: 'T09' } }),
    order('o_done', STORE, 'diner-a', { status: 'completed' }),
  ]);
  emulator.db.insertRaw('table_cart_lines', [{ _id: 'T01:1:a:d1', tableId: 'T01', round: 1, dishId: 'd1', quantity: 1 }]);
});

afterAll(async () => {
  await emulator?.stop();
});

const kitchenQuery = (storeId: string) => ({
  collection: 'orders',
  where: { storeId, source: 'table', status: { $in: ['pending', 'paid', 'confirmed', 'preparing', 'serving'] } },
  orderBy: { field: 'createdAt', direction: 'asc' },
  limit: 200,
});

describe('watch: snapshots', () => {
  it('sends the active orders of the store at once, and a new order placed through the SDK within 1 s', async () => {
    const live = watch('kitchen-1', kitchenQuery(STORE));
    const first = await live.next(1);
    expect(first.type).toBe('snapshot');
    expect(first.docs?.map((d) => d._id)).toEqual(['o_1']);

    const db = connectSdk(emulator.url).database();
    const placedAt = Date.now();
    await db.collection('orders').add({ data: order('o_new', STORE, 'diner-c', { createdAt: new Date() }) });
    const second = await live.next(2, 1000);
    const latencyMs = Date.now() - placedAt;
    expect(second.docs?.map((d) => d._id)).toEqual(['o_1', 'o_new']);
    expect(latencyMs).toBeLessThan(1000);
    // the number for the report: SDK write → snapshot on the socket
    console.log(`watch latency (SDK add → snapshot): ${latencyMs} ms`);

    // a write that leaves the result alone sends nothing; one that changes it sends the new result
    await db
      .collection('orders')
      .doc('o_2')
      .update({ data: { remarks: 'x' } });
    await db
      .collection('orders')
      .doc('o_1')
      .update({ data: { status: 'completed' } });
    const third = await live.next(3);
    expect(third.docs?.map((d) => d._id)).toEqual(['o_new']);
    expect(live.messages).toHaveLength(3);
    live.close();
  });

  it("shows a diner's own order through the '{openid}' placeholder, and the table's cart to a diner with the table's grant", async () => {
    const mine = watch('diner-a', { collection: 'orders', where: { _id: 'o_1', openid: '{openid}' }, limit: 1 });
    expect((await mine.next(1)).docs?.map((d) => d._id)).toEqual(['o_1']);
    const tableOrders = watch('diner-a', { collection: 'orders', where: { 'table.tableId': 'T01', status: { $in: ['pending', 'completed'] } } });
    expect((await tableOrders.next(1)).docs?.map((d) => d._id)).toEqual(['o_1']);
    const cart = watch('diner-a', { collection: 'table_cart_lines', where: { tableId: 'T01', round: 1 } });
    expect((await cart.next(1)).docs?.map((d) => d._id)).toEqual(['T01:1:a:d1']);
    [mine, tableOrders, cart].forEach((l) => l.close());
  });
});

describe('watch: security rules', () => {
  it.each([
    ['another store’s staff', 'kitchen-2', kitchenQuery(STORE)],
    ['staff whose grant expired', 'kitchen-expired', kitchenQuery(STORE)],
    ['staff of the store, query not pinned to the store', 'kitchen-1', { collection: 'orders', where: { status: 'pending' } }],
    ['another diner reading an order by id', 'diner-b', { collection: 'orders', where: { _id: 'o_1' } }],
    ['another diner reading the table’s cart', 'diner-b', { collection: 'table_cart_lines', where: { tableId: 'T01', round: 1 } }],
    ['a diner reading a server-only collection', 'diner-a', { collection: 'live_grants', where: { _id: 'diner-a' } }],
    ['nobody (no openid)', '', kitchenQuery(STORE)],
  ])('refuses %s (-502003) and sends no document', async (_what, openid, query) => {
    const live = watch(openid, query);
    const reply = await live.next(1);
    expect(reply).toMatchObject({ type: 'error', errCode: -502003 });
    expect(live.messages.some((m) => m.docs)).toBe(false);
    live.close();
  });

  it("another diner's query on their own openid never includes someone else's order", async () => {
    const live = watch('diner-b', { collection: 'orders', where: { _id: 'o_1', openid: '{openid}' } });
    expect((await live.next(1)).docs).toEqual([]);
    live.close();
  });
});

describe('watch: limits and faults', () => {
  it('stops a listener that covers more than 5,000 records (-402009)', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => order(`bulk_${i}`, 'rest_bulk', 'x'));
    emulator.db.insertRaw('orders', many);
    grant('kitchen-bulk', { rest_bulk: Date.now() + HOUR });
    const live = watch('kitchen-bulk', { collection: 'orders', where: { storeId: 'rest_bulk' }, limit: 10 });
    expect(await live.next(1)).toMatchObject({ type: 'error', errCode: -402009 });
    live.close();
  });

  it('drops every socket on the screen-off fault (-402004); the listener count returns to 0', async () => {
    const live = watch('kitchen-1', kitchenQuery(STORE));
    await live.next(1);
    const dropped = await emulator.http('POST', '/_emulator/watch/drop', { body: {} });
    expect(dropped.json.dropped).toBeGreaterThanOrEqual(1);
    expect(await live.next(2)).toMatchObject({ type: 'error', errCode: -402004 });
    await new Promise((r) => setTimeout(r, 50));
    expect(emulator.live.size()).toBe(0);
  });

  it('refuses an upgrade from a cross-site origin', async () => {
    const socket = new WebSocket(`${emulator.url.replace(/^http/, 'ws')}/_emulator/watch`, { headers: { origin: 'https://evil.example' } });
    await expect(new Promise((resolve, reject) => (socket.on('open', resolve), socket.on('error', reject)))).rejects.toBeTruthy();
  });
});
