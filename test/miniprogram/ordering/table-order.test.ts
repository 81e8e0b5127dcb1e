/**
 * 订单状态 (pages/ordering/table-order) with the transport boundary stubbed: the status steps, rounds
 * of 加菜, weighed lines, footprint, and 去支付 / 加菜 / 取消订单 as the order allows them.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { dinerSession } from '../support/sessions';
import { orderLine, SCENE, tableOrder } from './table-fixtures';

const PAGE = 'pages/ordering/table-order/index';

function stub(getTableOrder: (payload: any) => unknown, more: Record<string, (payload: any) => unknown> = {}) {
  stubFunctions({ member: { getSession: () => dinerSession }, ordering: { getTableOrder, ...more } });
}

describe('订单状态', () => {
  it('shows the status, the lines by round (加菜 marked), weighed lines, remarks and the footprint', async () => {
    stub(() =>
      tableOrder({
        status: 'preparing',
        statusText: '制作中',
        canCancel: false,
        additionCount: 1,
        awaitingWeight: false,
        lines: [
          orderLine({}),
          orderLine({
            lineNo: 2,
            name: '清蒸鲈鱼',
            soldByWeight: true,
            weightUnit: 'jin',
            weighed: true,
            quantity: 1.25,
            unitPriceFen: 8800,
            amountFen: 11000,
            addition: 1,
            mine: false,
            carbonKg: null,
          }),
        ],
      }),
    );
    const page = await mountPage(PAGE, { query: { orderId: 'order_t1' } });
    await page.waitForText('制作中');
    const text = page.text();
    expect(text).toContain('桌台 A01');
    for (const step of ['待确认', '已确认', '上菜中', '已完成']) expect(text).toContain(step);
    expect(page.data.stepIndex).toBe(2);
    expect(text).toContain('素麻婆豆腐× 2 · 我点的 · 0.84 kg CO₂e¥56.00');
    expect(text).toContain('加菜（第 1 次）');
    expect(text).toContain('清蒸鲈鱼1.25 斤 · 碳足迹待计算¥110.00');
    expect(text).toContain('少辣');
    expect(text).toContain('到前台支付');
    expect(text).toContain('比常规做法少 65%');
    expect(text).not.toContain('取消订单');
    expect(text).toContain('加菜');
  });

  it('an unweighed line reads 待称重', async () => {
    stub(() =>
      tableOrder({
        awaitingWeight: true,
        lines: [orderLine({ name: '清蒸鲈鱼', soldByWeight: true, weightUnit: 'jin', weighed: false, quantity: 1, amountFen: 0 })],
      }),
    );
    const page = await mountPage(PAGE, { query: { orderId: 'order_t1' } });
    await page.waitForText('待称重');
    expect(page.text()).toContain('称重菜待店员称重');
  });

  it('去支付 opens the checkout', async () => {
    stub(() => tableOrder({ payMode: 'now', payable: true }));
    const page = await mountPage(PAGE, { query: { orderId: 'order_t1' } });
    await page.tapText('去支付');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/payment/checkout/index?orderId=order_t1' });
  });

  it('取消订单 asks first, then cancels and shows 已取消', async () => {
    const cancelTableOrder = jest.fn(() => tableOrder({ status: 'cancelled', statusText: '已取消', canCancel: false, canAddDishes: false }));
    stub(() => tableOrder(), { cancelTableOrder });
    const page = await mountPage(PAGE, { query: { orderId: 'order_t1' } });
    await page.tapText('取消订单');
    await page.waitForText('后厨尚未开始制作');
    expect(page.data.confirmCancel).toBe(true);
    await page.instance.onCancel(); // the dialog's 确认取消
    await page.waitForText('订单已取消');
    expect(cancelTableOrder).toHaveBeenCalledWith({ orderId: 'order_t1', reason: '' }, expect.anything());
    expect(page.text()).toContain('已取消');
    expect(page.text()).not.toContain('加菜');
  });

  it('a refused cancel (the kitchen started meanwhile) is a toast and the order stays', async () => {
    stub(() => tableOrder(), { cancelTableOrder: () => new StubFailure(40983, '后厨已开始制作，不能取消') });
    const page = await mountPage(PAGE, { query: { orderId: 'order_t1' } });
    await page.tapText('取消订单');
    await page.instance.onCancel();
    await page.waitForText('后厨已开始制作，不能取消');
    expect(page.text()).toContain('待确认');
  });

  it('加菜 reopens the table’s menu with the code the diner opened', async () => {
    stub(() => tableOrder());
    wxMock().storage.set('ordering.lastTable', { scene: SCENE, tableId: 'A01' });
    const page = await mountPage(PAGE, { query: { orderId: 'order_t1' } });
    await page.waitForText('待确认');
    await page.tapText('加菜');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: `/pages/ordering/table/index?scene=${encodeURIComponent(SCENE)}` });
  });

  it('another diner’s order reads as not found, without 重试', async () => {
    stub(() => new StubFailure(40480, '订单不存在'));
    const page = await mountPage(PAGE, { query: { orderId: 'order_x' } });
    await page.waitForText('订单不存在');
    expect(page.text()).not.toContain('重试');
  });
});
