/**
 * 扫码点餐 (pages/ordering/table) with the transport boundary stubbed: the table a code opens, the
 * menu (prices, member price, carbon label, 待计算, sold out, weighed dishes), the shared cart with
 * who added each line, live refresh, checkout and 加菜.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { dinerSession } from '../support/sessions';
import { cartLine, dinerMenu, SCENE, tableCart, tableOrder, tableSession } from './table-fixtures';

const PAGE = 'pages/ordering/table/index';

function stubOrdering(overrides: Record<string, (payload: any) => unknown> = {}) {
  stubFunctions({
    member: { getSession: () => dinerSession },
    ordering: {
      resolveTable: () => tableSession(),
      getMenu: () => dinerMenu(),
      getTableCart: () => tableCart(),
      ...overrides,
    },
  });
}

describe('扫码点餐', () => {
  it('without a table code asks for one, and 扫一扫 opens the scanned table in place of the page', async () => {
    stubOrdering();
    wxMock().handlers.scanCode = () => ({ result: '', path: `pages/ordering/table/index?scene=${SCENE}`, scanType: 'WX_CODE' });
    const page = await mountPage(PAGE);
    await page.waitForText('请扫描餐桌上的桌码开始点餐');
    await page.tapText('扫一扫');
    await page.waitFor(() => wxMock().callsOf('redirectTo').length === 1, 'redirectTo');
    expect(wxMock().callsOf('redirectTo')[0]).toMatchObject({ url: `/pages/ordering/table/index?scene=${SCENE}` });
  });

  it('a rotated or forged code says so and offers no retry', async () => {
    stubOrdering({ resolveTable: () => new StubFailure(40381, '桌码已失效，请扫描桌上最新的二维码') });
    const page = await mountPage(PAGE, { query: { scene: encodeURIComponent('A01.oldkey0000') } });
    await page.waitForText('桌码已失效，请扫描桌上最新的二维码');
    expect(page.text()).toContain('无法打开这张桌台的菜单');
    expect(page.text()).not.toContain('重试');
  });

  it('shows the menu by category: price, member price, carbon label, 待计算, sold out and weighed dishes', async () => {
    const resolveTable = jest.fn(() => tableSession());
    stubOrdering({ resolveTable });
    const page = await mountPage(PAGE, { query: { scene: encodeURIComponent(SCENE) } });
    await page.waitForText('素麻婆豆腐');
    expect(resolveTable).toHaveBeenCalledWith({ scene: SCENE }, expect.anything());
    const text = page.text();
    expect(text).toContain('气候餐厅（示范店）');
    expect(text).toContain('桌台 A01');
    expect(text).toContain('¥28.00');
    expect(text).toContain('会员 ¥26.60');
    expect(text).toContain('低碳');
    expect(text).toContain('0.42 kg CO₂e');
    expect(text).toContain('高碳');
    expect(text).toContain('已售罄');
    expect(text).toContain('松茸炖鸡');
    expect(text).toContain('碳足迹待计算');
    expect(text).not.toContain('清蒸鲈鱼'); // another category
    await page.tapText('海鲜');
    await page.waitForText('清蒸鲈鱼');
    expect(page.text()).toContain('¥88.00/斤');
    expect(page.text()).toContain('称重菜：店员称重后按实际重量计价');
  });

  it('the shared cart shows who added each line; adding goes to the server; a live change shows the other diner’s line', async () => {
    let cart = tableCart([cartLine({})]);
    const addToCart = jest.fn(() => {
      cart = tableCart([cartLine({ quantity: 2 })]);
      return { lineId: 'A01:0:me:d-tofu', dishId: 'd-tofu', cartRound: 0, applied: true };
    });
    stubOrdering({ getTableCart: () => cart, addToCart });
    const page = await mountPage(PAGE, { query: { scene: SCENE } });
    await page.waitForText('共 1 份');
    expect(page.text()).toContain('已点 1');
    await page.tapText('加入');
    await page.waitForText('共 2 份');
    expect(addToCart).toHaveBeenCalledWith({ scene: SCENE, dishId: 'd-tofu', quantity: 1 }, expect.anything());
    expect(page.text()).toContain('¥56.00');

    // another diner adds a dish: the live view fires, the page reads the cart again
    cart = tableCart([
      cartLine({ quantity: 2 }),
      cartLine({ lineId: 'A01:0:d2:d-fish', dishId: 'd-fish', name: '清蒸鲈鱼', unitPriceFen: 8800, soldByWeight: true, addedBy: '桌友 2', mine: false }),
    ]);
    await page.instance.refreshCart();
    await page.waitForText('共 3 份');
    await page.tapText('共 3 份');
    await page.waitForText('同桌购物车');
    expect(page.text()).toContain('我点的 · ¥56.00');
    expect(page.text()).toContain('桌友 2点的 · 称重后计价');
  });

  it('removing a line (anyone at the table may) calls removeCartLine with the line id', async () => {
    let cart = tableCart([cartLine({ lineId: 'L-other', addedBy: '桌友 2', mine: false })]);
    const removeCartLine = jest.fn(() => {
      cart = tableCart([]);
      return { lineId: 'L-other', dishId: 'd-tofu', cartRound: 0, applied: true };
    });
    stubOrdering({ getTableCart: () => cart, removeCartLine });
    const page = await mountPage(PAGE, { query: { scene: SCENE } });
    await page.waitForText('共 1 份');
    await page.tapText('共 1 份');
    await page.tapText('删除');
    await page.waitForText('共 0 份');
    expect(removeCartLine).toHaveBeenCalledWith({ scene: SCENE, lineId: 'L-other' }, expect.anything());
  });

  it('checkout quotes the member discount and the footprint, then places with party size, remarks and pay mode', async () => {
    const placeTableOrder = jest.fn(() => ({ orders: [tableOrder()], cartRound: 1, addition: false }));
    stubOrdering({ getTableCart: () => tableCart([cartLine({ quantity: 2 })]), placeTableOrder });
    const page = await mountPage(PAGE, { query: { scene: SCENE } });
    await page.waitForText('共 2 份');
    await page.tapText('去下单');
    await page.waitForText('确认下单');
    const text = page.text();
    expect(text).toContain('绿叶会员优惠');
    expect(text).toContain('-¥2.80');
    expect(text).toContain('¥53.20');
    expect(text).toContain('0.84 kg CO₂e');
    expect(text).toContain('比常规做法少 65%');
    page.instance.onRemarks({ detail: { value: ' 少辣 ' } });
    await page.tapText('到前台支付');
    await page.tapText('提交订单');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(placeTableOrder).toHaveBeenCalledWith(
      expect.objectContaining({
        scene: SCENE,
        cartRound: 0,
        partySize: 2,
        remarks: '少辣',
        payMode: 'counter',
        splitMode: 'table',
        requestId: expect.stringMatching(/^table-/),
      }),
      expect.anything(),
    );
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/ordering/table-order/index?orderId=order_t1' });
  });

  it('pay now leads to the payment checkout', async () => {
    stubOrdering({
      getTableCart: () => tableCart([cartLine({})]),
      placeTableOrder: () => ({ orders: [tableOrder({ payMode: 'now', payable: true })], cartRound: 1, addition: false }),
    });
    const page = await mountPage(PAGE, { query: { scene: SCENE } });
    await page.waitForText('共 1 份');
    await page.tapText('去下单');
    await page.tapText('提交订单');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/payment/checkout/index?orderId=order_t1' });
  });

  it('with an active order of the table, checkout is 加菜 to it', async () => {
    const addDishes = jest.fn(() => ({ orders: [tableOrder({ additionCount: 1 })], cartRound: 2, addition: true }));
    stubOrdering({
      resolveTable: () => tableSession({ activeOrderIds: ['order_t1'], cartRound: 1 }),
      getTableCart: () => tableCart([cartLine({})], { cartRound: 1 }),
      addDishes,
    });
    const page = await mountPage(PAGE, { query: { scene: SCENE } });
    await page.waitForText('桌台 A01 · 加菜');
    await page.tapText('去加菜');
    await page.waitForText('本次加菜');
    expect(page.text()).not.toContain('用餐人数');
    await page.tapText('确认加菜');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(addDishes).toHaveBeenCalledWith(
      expect.objectContaining({ scene: SCENE, cartRound: 1, orderId: 'order_t1', requestId: expect.any(String) }),
      expect.anything(),
    );
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/ordering/table-order/index?orderId=order_t1' });
  });
});
