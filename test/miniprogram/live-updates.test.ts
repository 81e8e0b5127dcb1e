/**
 * services/live.ts + the transport's watch: in local mode against a LIVE emulator (real
 * WebSocket to /_emulator/watch, real ordering function for the store grant), and in cloud mode
 * against a recorded wx.cloud.database().watch(): the query built with db.command.in, and the
 * reconnect with backoff after -402004 (screen off) and -402002 (re-watched too soon).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFunctionEnv } from '../../emulator/local-config';
import { DEMO } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { simulatorFunctionEnv } from '../../emulator/simulators/registry';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { freshMiniprogram, requireMiniprogram, setTestUser, useEmulatorBridge, wxMock } from './support/harness';

type Doc = Record<string, any>;
interface LiveModule {
  watchStoreOrders(storeId: string, onChange: (docs: Doc[]) => void, onError?: (e: any) => void): { close(): void };
  watchTableCart(cart: { tableId: string; round: number }, onChange: (docs: Doc[]) => void, onError?: (e: any) => void): { close(): void };
  watchMyOrder(orderId: string, onChange: (doc: Doc | null) => void, onError?: (e: any) => void): { close(): void };
}
interface TransportModule {
  watchRetryDelayMs(errCode: number, attempt: number, random?: () => number): number | null;
}

let emulator: TestEmulator;
let dataDir: string;

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

/** Collects what a live view reports; `until` waits for a snapshot that satisfies `test`. */
function recorder() {
  const snapshots: Doc[][] = [];
  const errors: any[] = [];
  const until = async (test: (docs: Doc[]) => boolean, timeoutMs = 3000): Promise<Doc[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = snapshots.find(test);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching snapshot within ${timeoutMs} ms: ${JSON.stringify(snapshots)} ${JSON.stringify(errors)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const error = async (timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (errors.length === 0) {
      if (Date.now() > deadline) throw new Error('no error reported');
      await new Promise((r) => setTimeout(r, 10));
    }
    return errors[0];
  };
  return { snapshots, errors, until, error, onChange: (docs: Doc[]) => snapshots.push(docs), onError: (e: any) => errors.push(e) };
}

describe('local mode (live emulator)', () => {
  let live: LiveModule;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'live-updates-'));
    const port = await freePort();
    const functionEnv = { ...localFunctionEnv(dataDir), ...simulatorFunctionEnv(dataDir, `http://127.0.0.1:${port}`), LOG_LEVEL: 'warn' };
    emulator = await startTestEmulator({ dataDir, port, functionEnv });
    createCollections(emulator.db);
    seedDemoData(emulator.db, dataDir, functionEnv);
  });

  afterAll(async () => {
    await emulator?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    const config = useEmulatorBridge(emulator.url);
    freshMiniprogram({ config });
    live = requireMiniprogram<LiveModule>('services/live');
  });

  it('the kitchen board (店员) receives a newly placed order without reload, within 1 s', async () => {
    setTestUser(DEMO.clerkOpenid);
    const board = recorder();
    const subscription = live.watchStoreOrders(DEMO.storeId, board.onChange, board.onError);
    await board.until((docs) => docs.some((d) => d._id === 'order_demo_pay_001'));
    expect(wxMock().callsOf('request')).toContainEqual(expect.objectContaining({ data: { action: 'startLiveView', storeId: DEMO.storeId } }));

    const db = connectSdk(emulator.url).database();
    const placedAt = Date.now();
    await db.collection('orders').add({
      data: {
        _id: 'order_live_1',
        storeId: DEMO.storeId,
        openid: 'diner-x',
        source: 'table',
        status: 'pending',
        items: [],
        totalFen: 100,
        createdAt: new Date(),
      },
    });
    const seen = await board.until((docs) => docs.some((d) => d._id === 'order_live_1'), 1000);
    const latencyMs = Date.now() - placedAt;
    console.log(`kitchen board latency (order written → board snapshot, local mode): ${latencyMs} ms`);
    expect(latencyMs).toBeLessThan(1000);
    expect(seen.map((d) => d._id)).toEqual(['order_demo_pay_001', 'order_live_1']);
    expect(typeof seen[1].createdAt).toBe('string'); // wire form: ISO strings, as in cloud mode
    subscription.close();
  });

  it('reconnects after the socket is dropped (screen off, -402004) and keeps delivering', async () => {
    setTestUser(DEMO.managerOpenid);
    const board = recorder();
    const subscription = live.watchStoreOrders(DEMO.storeId, board.onChange, board.onError);
    await board.until((docs) => docs.length > 0);
    const sockets = wxMock().callsOf('connectSocket').length;
    expect((await emulator.http('POST', '/_emulator/watch/drop', { body: {} })).json.dropped).toBeGreaterThanOrEqual(1);
    // the transport waits its backoff (≤ 500 ms for the first reconnect), then watches again
    await new Promise((r) => setTimeout(r, 700));
    expect(wxMock().callsOf('connectSocket').length).toBe(sockets + 1);
    const db = connectSdk(emulator.url).database();
    await db.collection('orders').add({
      data: {
        _id: 'order_live_2',
        storeId: DEMO.storeId,
        openid: 'diner-x',
        source: 'table',
        status: 'confirmed',
        items: [],
        totalFen: 100,
        createdAt: new Date(),
      },
    });
    await board.until((docs) => docs.some((d) => d._id === 'order_live_2'));
    expect(board.errors).toEqual([]);
    subscription.close();
  });

  it('refuses another store’s staff (backend 40301) and a diner without the table’s grant (rules -502003)', async () => {
    setTestUser(DEMO.managerOpenid);
    const other = recorder();
    const board = live.watchStoreOrders(DEMO.secondStoreId, other.onChange, other.onError);
    expect(await other.error()).toMatchObject({ code: 40301 });
    expect(other.snapshots).toEqual([]);
    board.close();

    setTestUser('diner-without-table');
    const cart = recorder();
    const cartView = live.watchTableCart({ tableId: 'A01', round: 1 }, cart.onChange, cart.onError);
    expect(await cart.error()).toMatchObject({ code: -502003, message: '没有权限查看这些实时数据' });
    expect(cart.snapshots).toEqual([]);
    cartView.close();
  });

  it("a diner watches their own order's status; another diner's watch of it stays empty", async () => {
    setTestUser(DEMO.dinerOpenid);
    const mine: (Doc | null)[] = [];
    const subscription = live.watchMyOrder('order_demo_pay_001', (doc) => mine.push(doc));
    const deadline = Date.now() + 3000;
    while (!mine.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(mine[0]).toMatchObject({ _id: 'order_demo_pay_001', status: expect.any(String) });
    subscription.close();

    setTestUser('another-diner');
    const theirs: (Doc | null)[] = [];
    const other = live.watchMyOrder('order_demo_pay_001', (doc) => theirs.push(doc));
    const until = Date.now() + 3000;
    while (!theirs.length && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(theirs).toEqual([null]);
    other.close();
  });
});

describe('cloud mode (wx.cloud.database().watch)', () => {
  interface FakeWatch {
    collection: string;
    where: Doc;
    orderBy?: [string, string];
    limit?: number;
    options: { onChange(s: { docs: Doc[]; type?: string }): void; onError(e: any): void };
    closed: boolean;
  }
  let watches: FakeWatch[];

  beforeEach(() => {
    freshMiniprogram({ config: { mode: 'cloud', envId: 'env-test' } });
    watches = [];
    wxMock().handlers.database = () => ({
      command: { in: (values: unknown[]) => ({ $in: values }) },
      collection: (collection: string) => {
        const state: Partial<FakeWatch> = { collection };
        const query = {
          where: (where: Doc) => ((state.where = where), query),
          orderBy: (field: string, direction: string) => ((state.orderBy = [field, direction]), query),
          limit: (n: number) => ((state.limit = n), query),
          watch: (options: FakeWatch['options']) => {
            const w = { ...state, options, closed: false } as FakeWatch;
            watches.push(w);
            return { close: async () => void (w.closed = true) };
          },
        };
        return query;
      },
    });
  });

  it('watches one table’s cart round and hands over the docs in wire form', async () => {
    const live = requireMiniprogram<LiveModule>('services/live');
    const cart = recorder();
    const subscription = live.watchTableCart({ tableId: 'A01', round: 3 }, cart.onChange, cart.onError);
    expect(watches).toHaveLength(1);
    expect(watches[0]).toMatchObject({ collection: 'table_cart_lines', where: { tableId: 'A01', round: 3 } });
    watches[0].options.onChange({
      type: 'init',
      docs: [
        { _id: 'l1', quantity: 2, at: new Date('2026-12-04T00:00:00Z') },
        { _id: 'l2', quantity: 0 },
      ],
    });
    expect(cart.snapshots).toEqual([[{ _id: 'l1', quantity: 2, at: '2026-12-04T00:00:00.000Z' }]]);
    subscription.close();
    expect(watches[0].closed).toBe(true);
  });

  it('re-watches after -402004 with backoff; stops and reports a permission error', async () => {
    const live = requireMiniprogram<LiveModule>('services/live');
    const mine = recorder();
    const subscription = live.watchMyOrder('o1', (doc) => mine.onChange(doc ? [doc] : []), mine.onError);
    expect(watches[0].where).toEqual({ _id: 'o1', openid: '{openid}' });
    watches[0].options.onError({ errCode: -402004, errMsg: 'socket closed' });
    expect(watches[0].closed).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect(watches).toHaveLength(2);
    watches[1].options.onError({ errCode: -502003, errMsg: 'permission denied' });
    await new Promise((r) => setTimeout(r, 600));
    expect(watches).toHaveLength(2);
    expect(mine.errors[0]).toMatchObject({ code: -502003 });
    subscription.close();
  });

  it('backs off longer after -402002 (re-watched too soon) and gives up after the last reconnect', () => {
    const transport = requireMiniprogram<TransportModule>('services/transport');
    const mid = () => 0.5;
    expect(transport.watchRetryDelayMs(-402004, 1, mid)).toBe(375);
    expect(transport.watchRetryDelayMs(-402002, 1, mid)).toBe(2250);
    expect(transport.watchRetryDelayMs(-402004, 8, () => 1)).toBe(30_000);
    expect(transport.watchRetryDelayMs(-402004, 9)).toBeNull();
    expect(transport.watchRetryDelayMs(-402009, 1)).toBeNull();
  });
});
