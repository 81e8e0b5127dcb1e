import { localFunctionEnv } from '../../emulator/local-config';
import { DEMO } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import type {
  CartEdit,
  DinerMenu,
  DishView,
  KitchenBoard,
  PlacedTableOrders,
  TableCart,
  TableOrderView,
  TableSession,
  TableView,
} from '../../typings/api/ordering';

interface Reply<T> {
  code: number;
  message: string;
  data: T | null;
  details?: Record<string, unknown>;
}

const SCENE = `${DEMO.tableId}.${DEMO.tableKey}`;
const DISH = `${DEMO.storeId}:menu_002`;
const FISH = `${DEMO.storeId}:menu_005`;

/** 扫码点餐 through the real ordering bundle and the emulator (issue 13). */
describe('table ordering', () => {
  let emulator: TestEmulator;
  const call = <T>(openid: string, action: string, input: Record<string, unknown> = {}) => emulator.call<Reply<T>>('ordering', { action, ...input }, openid);
  const dbTrips = () =>
    Object.entries(emulator.stats())
      .filter(([action]) => action.startsWith('database.'))
      .reduce((sum, [, n]) => sum + n, 0);

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    seedDemoData(emulator.db, emulator.dataDir, localFunctionEnv(emulator.dataDir));
  });
  afterAll(() => emulator.stop());

  it('resolves the demo table code and refuses forged and rotated keys', async () => {
    const ok = await call<TableSession>('diner-a', 'resolveTable', { scene: SCENE });
    expect(ok.code).toBe(0);
    expect(ok.data).toMatchObject({ tableId: DEMO.tableId, tableName: 'A01', storeId: DEMO.storeId });

    const forged = await call('diner-a', 'resolveTable', { scene: `${DEMO.tableId}.AAAAAAAAAA` });
    expect(forged).toMatchObject({ code: 40381, message: '桌码已失效，请扫描桌上最新的二维码' });
    expect((await call('diner-a', 'resolveTable', { scene: 'garbage' })).code).toBe(40381);

    const created = await call<TableView>(DEMO.managerOpenid, 'createTable', { storeId: DEMO.storeId, name: 'B02', area: '包间', seats: 6 });
    expect(created.code).toBe(0);
    const oldScene = created.data!.scene;
    expect((await call('diner-a', 'resolveTable', { scene: oldScene })).code).toBe(0);
    const rotated = await call<TableView>(DEMO.managerOpenid, 'rotateTableKey', { storeId: DEMO.storeId, tableId: created.data!._id });
    expect(rotated.data!.scene).not.toBe(oldScene);
    expect((await call('diner-a', 'resolveTable', { scene: oldScene })).code).toBe(40381);
    expect((await call('diner-a', 'resolveTable', { scene: rotated.data!.scene })).code).toBe(0);
    // a clerk may not rotate, another store's table is not found
    expect((await call(DEMO.clerkOpenid, 'rotateTableKey', { storeId: DEMO.storeId, tableId: created.data!._id })).code).toBe(40301);
    expect((await call(DEMO.adminOpenid, 'rotateTableKey', { storeId: DEMO.secondStoreId, tableId: created.data!._id })).code).toBe(40481);
  });

  it('computes dish carbon on save and leaves unknown ingredients 待计算', async () => {
    const known = await call<DishView>(DEMO.managerOpenid, 'saveDish', {
      storeId: DEMO.storeId,
      name: '麻婆豆腐',
      categoryId: 'cat_demo_hot',
      priceFen: 2600,
      ingredients: [{ name: '豆腐', quantity: 200, unit: 'g' }],
    });
    expect(known.code).toBe(0);
    expect(known.data!.carbon).toMatchObject({ status: 'computed', level: expect.any(String) });
    const unknown = await call<DishView>(DEMO.managerOpenid, 'saveDish', {
      storeId: DEMO.storeId,
      name: '松茸炖鸡',
      categoryId: 'cat_demo_hot',
      priceFen: 9900,
      ingredients: [{ name: '神秘松茸王', quantity: 100, unit: 'g' }],
    });
    expect(unknown.data!.carbon).toMatchObject({ status: 'pending', levelText: '待计算' });
    const menu = await call<DinerMenu>('diner-a', 'getMenu', { storeId: DEMO.storeId });
    expect(menu.code).toBe(0);
    const names = menu.data!.dishes.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['麻婆豆腐', '松茸炖鸡', '清蒸鲈鱼']));
    expect(menu.data!.dishes.find((d) => d.name === '松茸炖鸡')!.carbon.status).toBe('pending');
    expect(menu.data!.dishes.find((d) => d.name === '清蒸鲈鱼')).toMatchObject({ soldByWeight: true, unitText: '斤' });
    // a second read is the snapshot and the member: ≤ 2 DB reads
    emulator.resetStats();
    await call<DinerMenu>('diner-a', 'getMenu', { storeId: DEMO.storeId });
    expect(dbTrips()).toBeLessThanOrEqual(2);
  });

  it('keeps every line when 20 diners edit one cart at once', async () => {
    const diners = Array.from({ length: 20 }, (_, i) => `diner-${i}`);
    const replies = await Promise.all(diners.map((d) => call<CartEdit>(d, 'addToCart', { scene: SCENE, dishId: DISH, quantity: 1 })));
    expect(replies.every((r) => r.code === 0)).toBe(true);
    // and each adds the same dish again, concurrently: increments, no duplicate line
    await Promise.all(diners.map((d) => call<CartEdit>(d, 'addToCart', { scene: SCENE, dishId: DISH, quantity: 1 })));
    const cart = await call<TableCart>('diner-0', 'getTableCart', { scene: SCENE });
    expect(cart.data!.lines).toHaveLength(20);
    expect(cart.data!.lines.every((l) => l.quantity === 2)).toBe(true);
    expect(cart.data!.lines.filter((l) => l.mine)).toHaveLength(1);
    // a cart edit: ≤ 3 DB round trips
    emulator.resetStats();
    await call<CartEdit>('diner-0', 'changeCartLine', { scene: SCENE, lineId: replies[0].data!.lineId, delta: -1 });
    expect(dbTrips()).toBeLessThanOrEqual(3);
    // everyone but diner-0 and diner-1 removes their line
    await Promise.all(replies.slice(2).map((r, i) => call<CartEdit>(diners[i + 2], 'removeCartLine', { scene: SCENE, lineId: r.data!.lineId })));
    const left = await call<TableCart>('diner-0', 'getTableCart', { scene: SCENE });
    expect(left.data!.lines.map((l) => l.quantity).sort()).toEqual([1, 2]);
  });

  let orderId = '';
  it('places the cart as one table order, refuses a stale round, replays the same request', async () => {
    const cart = await call<TableCart>('diner-0', 'getTableCart', { scene: SCENE });
    await call<CartEdit>('diner-1', 'addToCart', { scene: SCENE, dishId: FISH, quantity: 1 });
    emulator.resetStats();
    const placed = await call<PlacedTableOrders>('diner-0', 'placeTableOrder', {
      scene: SCENE,
      cartRound: cart.data!.cartRound,
      partySize: 2,
      remarks: '少辣',
      payMode: 'after_meal',
      requestId: 'place-req-0001',
    });
    const trips = dbTrips();
    expect(placed.code).toBe(0);
    expect(trips).toBeLessThanOrEqual(8);
    const order = placed.data!.orders[0];
    orderId = order.orderId;
    expect(order).toMatchObject({ status: 'pending', tableName: 'A01', partySize: 2, remarks: '少辣', awaitingWeight: true, totalFen: 3 * 2800 });
    expect(order.lines).toHaveLength(3);
    const replay = await call<PlacedTableOrders>('diner-0', 'placeTableOrder', {
      scene: SCENE,
      cartRound: cart.data!.cartRound,
      partySize: 2,
      payMode: 'after_meal',
      requestId: 'place-req-0001',
    });
    expect(replay.data!.orders[0].orderId).toBe(orderId);
    const stale = await call('diner-1', 'placeTableOrder', {
      scene: SCENE,
      cartRound: cart.data!.cartRound,
      partySize: 2,
      payMode: 'now',
      requestId: 'place-req-0002',
    });
    expect(stale.code).toBe(40981);
    // the new round is empty
    expect((await call<TableCart>('diner-0', 'getTableCart', { scene: SCENE })).data!.lines).toHaveLength(0);
    // other diners of the table see it, strangers do not
    expect((await call<TableOrderView>('diner-1', 'getTableOrder', { orderId })).code).toBe(0);
    expect((await call('stranger', 'getTableOrder', { orderId })).code).toBe(40480);
  });

  it('runs the status flow with its permissions: weigh, confirm, cook, serve, pay, complete', async () => {
    const fishLine = (await call<TableOrderView>('diner-0', 'getTableOrder', { orderId })).data!.lines.find((l) => l.soldByWeight)!;
    expect((await call('diner-0', 'advanceTableOrder', { storeId: DEMO.storeId, orderId, step: 'confirm' })).code).toBe(40301);
    expect((await call(DEMO.clerkOpenid, 'advanceTableOrder', { storeId: DEMO.storeId, orderId, step: 'confirm' })).code).toBe(40982);
    const weighed = await call<TableOrderView>(DEMO.clerkOpenid, 'weighLine', { storeId: DEMO.storeId, orderId, lineNo: fishLine.lineNo, weight: 1.255 });
    expect(weighed.code).toBe(0);
    expect(weighed.data).toMatchObject({ awaitingWeight: false, totalFen: 3 * 2800 + Math.round(1.255 * 8800) });
    expect((await call(DEMO.clerkOpenid, 'weighLine', { storeId: DEMO.storeId, orderId, lineNo: 1, weight: 1.2345 })).code).toBe(40001);
    expect((await call(DEMO.clerkOpenid, 'advanceTableOrder', { storeId: DEMO.storeId, orderId, step: 'serve' })).code).toBe(40982);
    for (const [step, status] of [
      ['confirm', 'confirmed'],
      ['start', 'preparing'],
      ['serve', 'serving'],
    ] as const) {
      const moved = await call<TableOrderView>(DEMO.clerkOpenid, 'advanceTableOrder', { storeId: DEMO.storeId, orderId, step });
      expect(moved.data!.status).toBe(status);
    }
    const board = await call<KitchenBoard>(DEMO.clerkOpenid, 'listKitchenOrders', { storeId: DEMO.storeId, station: 'hot' });
    expect(board).toMatchObject({ code: 0 });
    expect(board.data!.orders.map((o) => o.orderId)).toContain(orderId);
    // pay after the meal, unpaid: cannot complete
    expect((await call(DEMO.clerkOpenid, 'advanceTableOrder', { storeId: DEMO.storeId, orderId, step: 'complete' })).code).toBe(40982);
    const paid = await call<{ paidFen: number }>(DEMO.clerkOpenid, 'confirmCounterPayment', {
      storeId: DEMO.storeId,
      orderId,
      method: 'cash',
      requestId: 'counter-0001',
    });
    expect(paid.code).toBe(0);
    const again = await call<{ paidFen: number }>(DEMO.clerkOpenid, 'confirmCounterPayment', {
      storeId: DEMO.storeId,
      orderId,
      method: 'cash',
      requestId: 'counter-0001',
    });
    expect(again.data!.paidFen).toBe(paid.data!.paidFen);
    const done = await call<TableOrderView>(DEMO.clerkOpenid, 'advanceTableOrder', { storeId: DEMO.storeId, orderId, step: 'complete' });
    expect(done.data).toMatchObject({ status: 'completed', paid: true });
  });

  it('applies the cancel rules and 加菜 adds a delta to the same order', async () => {
    await call<CartEdit>('diner-a', 'addToCart', { scene: SCENE, dishId: DISH, quantity: 1 });
    const session = await call<TableSession>('diner-a', 'resolveTable', { scene: SCENE });
    const placed = await call<PlacedTableOrders>('diner-a', 'placeTableOrder', {
      scene: SCENE,
      cartRound: session.data!.cartRound,
      partySize: 1,
      payMode: 'counter',
      requestId: 'place-req-0003',
    });
    const id = placed.data!.orders[0].orderId;
    // another diner cannot cancel; the placer can while pending and unpaid
    expect((await call('diner-b', 'cancelTableOrder', { orderId: id })).code).toBe(40480);
    await call<TableOrderView>(DEMO.clerkOpenid, 'advanceTableOrder', { storeId: DEMO.storeId, orderId: id, step: 'confirm' });
    expect((await call('diner-a', 'cancelTableOrder', { orderId: id })).code).toBe(40983);
    // 加菜 on the confirmed order: the new lines are addition 1
    const round = (await call<TableSession>('diner-a', 'resolveTable', { scene: SCENE })).data!.cartRound;
    await call<CartEdit>('diner-b', 'addToCart', { scene: SCENE, dishId: `${DEMO.storeId}:menu_004`, quantity: 2 });
    const added = await call<PlacedTableOrders>('diner-b', 'addDishes', { scene: SCENE, cartRound: round, orderId: id, requestId: 'add-req-0001' });
    expect(added.code).toBe(0);
    const grown = added.data!.orders[0];
    expect(grown.additionCount).toBe(1);
    expect(grown.lines.filter((l) => l.addition === 1)).toEqual([expect.objectContaining({ name: '米饭', quantity: 2 })]);
    expect(grown.totalFen).toBe(2800 + 600);
    // a clerk may not cancel a confirmed order; a manager may (unpaid)
    expect((await call(DEMO.clerkOpenid, 'staffCancelTableOrder', { storeId: DEMO.storeId, orderId: id, reason: '顾客要求' })).code).toBe(40983);
    const cancelled = await call<TableOrderView>(DEMO.managerOpenid, 'staffCancelTableOrder', { storeId: DEMO.storeId, orderId: id, reason: '顾客要求' });
    expect(cancelled.data!.status).toBe('cancelled');
  });

  it('cancels a paid order only with its money returned', async () => {
    await call<CartEdit>('diner-c', 'addToCart', { scene: SCENE, dishId: DISH, quantity: 1 });
    const round = (await call<TableSession>('diner-c', 'resolveTable', { scene: SCENE })).data!.cartRound;
    const placed = await call<PlacedTableOrders>('diner-c', 'placeTableOrder', {
      scene: SCENE,
      cartRound: round,
      partySize: 1,
      payMode: 'counter',
      requestId: 'place-req-0004',
    });
    const id = placed.data!.orders[0].orderId;
    await call(DEMO.clerkOpenid, 'confirmCounterPayment', { storeId: DEMO.storeId, orderId: id, method: 'card', requestId: 'counter-0002' });
    expect((await call('diner-c', 'cancelTableOrder', { orderId: id })).code).toBe(40983);
    expect((await call(DEMO.clerkOpenid, 'staffCancelTableOrder', { storeId: DEMO.storeId, orderId: id, reason: '上错桌' })).code).toBe(40983);
    const cancelled = await call<TableOrderView>(DEMO.managerOpenid, 'staffCancelTableOrder', { storeId: DEMO.storeId, orderId: id, reason: '上错桌' });
    expect(cancelled.code).toBe(0);
    expect(cancelled.data).toMatchObject({ status: 'cancelled', refundStatus: 'refunded', refundedFen: 2800 });
  });
});
