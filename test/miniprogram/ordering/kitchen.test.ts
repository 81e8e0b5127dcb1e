/**
 * 后厨看板 (admin/pages/kitchen) with the transport boundary stubbed: columns by status, station
 * filter, one-tap advance, elapsed colour, 加菜 marked, weighing, and the new-order alert.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MINIPROGRAM_ROOT, mountPage, stubFunctions, wxMock } from '../support/harness';
import { clerkSession } from '../support/sessions';
import { orderLine, tableOrder } from './table-fixtures';

const PAGE = 'admin/pages/kitchen/index';
const oneStore = { items: [{ _id: 's1', name: '一号店', address: 'A 路' }], total: 1, page: 1, pageSize: 100, hasMore: false };

const kitchenOrder = (fields: Record<string, unknown> = {}) => ({ ...tableOrder(), elapsedMinutes: 3, nextStep: 'confirm', ...fields });
const board = (orders: unknown[], station: string | null = null) => ({ storeId: 's1', station, orders, generatedAt: '2026-12-04T04:10:00.000Z' });

function stub(listKitchenOrders: (payload: any) => unknown, more: Record<string, (payload: any) => unknown> = {}) {
  stubFunctions({ member: { getSession: () => clerkSession }, admin: { listMyStores: () => oneStore }, ordering: { listKitchenOrders, ...more } });
}

describe('后厨看板', () => {
  it('is landscape-capable (pageOrientation auto)', () => {
    expect(JSON.parse(readFileSync(join(MINIPROGRAM_ROOT, 'admin/pages/kitchen/index.json'), 'utf8')).pageOrientation).toBe('auto');
  });

  it('shows orders in status columns with elapsed time colour, 加菜 marked, remarks and the step button', async () => {
    stub(() =>
      board([
        kitchenOrder(),
        kitchenOrder({
          orderId: 'o2',
          tableName: 'B02',
          status: 'preparing',
          nextStep: 'serve',
          elapsedMinutes: 25,
          remarks: '',
          lines: [orderLine({ name: '番茄炒蛋', quantity: 1 }), orderLine({ lineNo: 2, name: '米饭', addition: 1 })],
        }),
      ]),
    );
    const page = await mountPage(PAGE);
    await page.waitForText('一号店 · 后厨看板');
    await page.waitForText('B02');
    const text = page.text();
    expect(text).toContain('待确认（1）');
    expect(text).toContain('制作中（1）');
    expect(text).toContain('上菜中（0）');
    expect(text).toContain('确认接单');
    expect(text).toContain('上菜');
    expect(text).toContain('备注：少辣');
    expect(text).toContain('米饭× 2加菜');
    expect(text).toContain('25 分钟');
    const columns = page.data.columns as { orders: { band: string }[] }[];
    expect(columns[0].orders[0].band).toBe('fresh');
    expect(columns[2].orders[0].band).toBe('overdue');
  });

  it('asks for the store’s live grant before watching the board', async () => {
    const startLiveView = jest.fn(() => ({ storeId: 's1', expiresAt: '2026-12-04T16:00:00.000Z' }));
    stub(() => board([kitchenOrder()]), { startLiveView });
    const page = await mountPage(PAGE);
    await page.waitForText('确认接单');
    await page.waitFor(() => wxMock().callsOf('cloud.watch').length === 1, 'the watch');
    expect(startLiveView).toHaveBeenCalledWith({ storeId: 's1' }, expect.anything());
  });

  it('staff of several stores switch the board to another store', async () => {
    const listKitchenOrders = jest.fn((payload: { storeId: string }) =>
      board(payload.storeId === 's2' ? [kitchenOrder({ orderId: 'o9', tableName: 'Z09' })] : [kitchenOrder()]),
    );
    stubFunctions({
      member: { getSession: () => clerkSession },
      admin: { listMyStores: () => ({ ...oneStore, items: [...oneStore.items, { _id: 's2', name: '二号店', address: 'B 路' }], total: 2 }) },
      ordering: { listKitchenOrders },
    });
    const page = await mountPage(PAGE);
    await page.waitForText('一号店 · 后厨看板 ▾');
    await page.instance.onStoreChange({ detail: { value: '1' } });
    await page.waitForText('Z09');
    expect(page.text()).toContain('二号店 · 后厨看板');
    expect(listKitchenOrders.mock.calls.at(-1)?.[0]).toEqual({ storeId: 's2' });
    expect(wxMock().callsOf('vibrateShort')).toHaveLength(0);
  });

  it('one tap advances an order and the board reads again', async () => {
    let order = kitchenOrder();
    const advanceTableOrder = jest.fn(() => {
      order = kitchenOrder({ status: 'confirmed', statusText: '已确认', nextStep: 'start' });
      return order;
    });
    stub(() => board([order]), { advanceTableOrder });
    const page = await mountPage(PAGE);
    await page.waitForText('确认接单');
    await page.tapText('确认接单');
    await page.waitForText('开始制作');
    expect(advanceTableOrder).toHaveBeenCalledWith({ storeId: 's1', orderId: 'order_t1', step: 'confirm' }, expect.anything());
    expect(page.text()).toContain('已确认（1）');
  });

  it('the station filter asks the board for that station', async () => {
    const listKitchenOrders = jest.fn((payload: { station?: string }) => board(payload.station === 'drinks' ? [] : [kitchenOrder()], payload.station ?? null));
    stub(listKitchenOrders);
    const page = await mountPage(PAGE);
    await page.waitForText('确认接单');
    await page.tapText('饮品');
    await page.waitFor(() => listKitchenOrders.mock.calls.length === 2, 'second read');
    expect(listKitchenOrders.mock.calls[1][0]).toEqual({ storeId: 's1', station: 'drinks' });
    await page.waitFor(() => !page.text().includes('确认接单'), 'empty drinks board');
  });

  it('an unpaid 到前台支付 order is collected at the counter (cash), after a confirm', async () => {
    let order = kitchenOrder();
    const confirmCounterPayment = jest.fn(() => {
      order = kitchenOrder({ paid: true, paidFen: 5320 });
      return { order, method: 'cash', paidFen: 5320, confirmedBy: 'o-clerk', confirmedAt: '2026-12-04T04:12:00.000Z' };
    });
    stub(() => board([order]), { confirmCounterPayment });
    const page = await mountPage(PAGE);
    await page.waitForText('现金收 ¥53.20');
    expect(page.text()).toContain('到前台支付');
    await page.tapText('现金收 ¥53.20');
    await page.waitForText('已确认收款');
    expect(wxMock().callsOf('showModal')[0]).toMatchObject({ content: '确认已收现金 ¥53.20？' });
    expect(confirmCounterPayment).toHaveBeenCalledWith(
      { storeId: 's1', orderId: 'order_t1', method: 'cash', requestId: expect.stringMatching(/^counter-/) },
      expect.anything(),
    );
    await page.waitFor(() => !page.text().includes('现金收'), 'collected');
    expect(page.text()).toContain('已支付');
  });

  it('a weighed line is weighed before confirming', async () => {
    let order = kitchenOrder({
      awaitingWeight: true,
      lines: [orderLine({ name: '清蒸鲈鱼', soldByWeight: true, weightUnit: 'jin', weighed: false, quantity: 1, amountFen: 0 })],
    });
    const weighLine = jest.fn(() => {
      order = kitchenOrder({
        lines: [orderLine({ name: '清蒸鲈鱼', soldByWeight: true, weightUnit: 'jin', weighed: true, quantity: 1.255, amountFen: 11044 })],
      });
      return order;
    });
    stub(() => board([order]), { weighLine });
    const page = await mountPage(PAGE);
    await page.waitForText('称重后才能确认');
    await page.tapText('称重');
    await page.waitForText('称重：清蒸鲈鱼');
    page.instance.onWeightInput({ detail: { value: '1.255' } });
    await page.tapText('确定');
    await page.waitForText('1.255 斤');
    expect(weighLine).toHaveBeenCalledWith({ storeId: 's1', orderId: 'order_t1', lineNo: 1, weight: 1.255 }, expect.anything());
    expect(page.text()).not.toContain('称重后才能确认');
  });

  it('a new order and a 加菜 vibrate and chime; the first load does not', async () => {
    let orders = [kitchenOrder()];
    stub(() => board(orders));
    const page = await mountPage(PAGE);
    await page.waitForText('A01');
    expect(wxMock().callsOf('vibrateShort')).toHaveLength(0);
    orders = [kitchenOrder(), kitchenOrder({ orderId: 'o2', tableName: 'B02' })];
    await page.instance.load();
    await page.waitForText('新订单 B02');
    expect(wxMock().callsOf('vibrateShort')).toHaveLength(1);
    expect(wxMock().callsOf('innerAudio.play')).toEqual([{ src: '/admin/assets/new-order.wav' }]);
    orders = [kitchenOrder({ additionCount: 1 }), kitchenOrder({ orderId: 'o2', tableName: 'B02' })];
    await page.instance.load();
    await page.waitForText('A01 加菜');
    expect(wxMock().callsOf('vibrateShort')).toHaveLength(2);
  });
});
