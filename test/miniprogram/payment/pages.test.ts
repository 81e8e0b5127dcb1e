/**
 * Payment pages (real TDesign) in local mode against a live emulator with the WeChat Pay
 * simulator: choosing WeChat Pay really pays through the simulator, whose callback settles the
 * payment; the result and order-detail pages show what the backend recorded.
 */
import { startPaymentHarness, type PaymentHarness, ADMIN } from '../../payment/support';
import { freshMiniprogram, mountPage, requireMiniprogram, setTestUser, StubFailure, stubFunctions, useEmulatorBridge, wxMock } from '../support/harness';
import { adminSession } from '../support/sessions';

let h: PaymentHarness;

beforeAll(async () => {
  h = await startPaymentHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('支付方式选择 → 支付结果 (live emulator, local mode)', () => {
  it('pays with WeChat Pay through the simulator and shows the member price and the points', async () => {
    const openid = 'page-diner';
    await h.member(openid, { totalEarned: 1000, points: 1000, levelCode: 'silver', levelName: '银卡会员' });
    const orderId = await h.order(openid, 6900);
    setTestUser(openid);
    const config = useEmulatorBridge(h.emulator.url);

    const checkout = await mountPage('pages/payment/checkout/index', { query: { orderId }, config });
    await checkout.waitForText('确认支付 ¥65.55');
    expect(checkout.text()).toContain('银卡会员 · 9.5 折');
    expect(checkout.text()).toContain('-¥3.45');
    expect(checkout.text()).toContain('到店现金');
    await checkout.tapText('确认支付 ¥65.55');
    await checkout.waitFor(() => wxMock().callsOf('redirectTo').length === 1, 'redirect to the result page', 10000);
    const url = wxMock().callsOf('redirectTo')[0].url as string;
    const paymentId = /paymentId=(\w+)/.exec(url)?.[1] ?? '';
    expect(url).toBe(`/pages/payment/result/index?paymentId=${paymentId}`);
    // the simulator was asked to pay, as the local mode does instead of wx.requestPayment
    expect(
      wxMock()
        .callsOf('request')
        .map((r) => r.url),
    ).toContain(`${h.emulator.url}/_emulator/wxpay/pay`);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', payableFen: 6555, pointsEarned: 65 });

    const result = await mountPage('pages/payment/result/index', { query: { paymentId }, config });
    await result.waitForText('支付成功');
    expect(result.text()).toContain('本单获得 65 积分');
    expect(result.text()).toContain('¥65.55');

    // a partial refund shows up on the order detail page
    await h.refund({ paymentId, refundFen: 1000, reason: '少上一道菜' }, ADMIN);
    await h.simulator.idle();
    const detail = await mountPage('pages/ordering/detail/index', { query: { orderId }, config });
    await detail.waitForText('退款成功');
    expect(detail.text()).toContain('部分退款');
    expect(detail.text()).toContain('少上一道菜');
    expect(detail.text()).toContain('¥10.00');
  });
});

describe('微信支付分 (先享后付) in local mode: the Pay Score sandbox checks the signed extraData', () => {
  it('confirms the service order through the sandbox and shows 已开通先享后付', async () => {
    const openid = 'page-diner-payscore';
    const orderId = await h.order(openid, 3000, 'cabinet');
    setTestUser(openid);
    const config = useEmulatorBridge(h.emulator.url);
    const checkout = await mountPage('pages/payment/checkout/index', { query: { orderId }, config });
    await checkout.waitForText('微信支付分');
    await checkout.tapText('先享后付，取货后自动扣款');
    await checkout.waitFor(() => checkout.data.method === 'payscore', 'the 微信支付分 radio is chosen');
    await checkout.tapText('确认支付 ¥30.00');
    await checkout.waitFor(() => wxMock().callsOf('redirectTo').length === 1, 'redirect to the result page', 10000);
    const paymentId = /paymentId=(\w+)/.exec(wxMock().callsOf('redirectTo')[0].url as string)?.[1] ?? '';
    const confirm = wxMock()
      .callsOf('request')
      .find((r) => r.url === `${h.emulator.url}/_emulator/wxpay/payscore/confirm`);
    expect(confirm?.data).toMatchObject({ mch_id: h.keys.mchid, sign_type: 'HMAC-SHA256', package: expect.stringMatching(/^DJ/) });
    // the sandbox accepted the signature and the diner's confirmation
    expect(h.sandbox.get(paymentId)?.state).toBe('DOING');

    const result = await mountPage('pages/payment/result/index', { query: { paymentId }, config });
    await result.waitForText('已开通先享后付');
    expect(result.text()).toContain('取货后按实际商品自动扣款');
  });
});

describe('支付方式选择 (stubbed)', () => {
  const quote = {
    orderId: 'o1',
    orderStatus: 'pending',
    payable: true,
    source: 'table',
    amountFen: 2800,
    quote: { original: 2800, discount: 0, final: 2800, rate: 1 },
    level: { code: 'normal', name: '普通会员' },
    tickets: { balance: 10, required: 14000, enough: false },
    methods: ['wechat', 'tickets', 'cash'],
  };

  it('marks 礼票 as insufficient and shows an error with 重试 when the quote fails', async () => {
    let calls = 0;
    stubFunctions({ payment: { quote: () => (++calls === 1 ? new StubFailure(40440, '订单不存在') : quote) } });
    const page = await mountPage('pages/payment/checkout/index', { query: { orderId: 'o1' } });
    await page.waitForText('订单不存在');
    await page.tapText('重试');
    await page.waitForText('需 14,000 张，余额 10 张（不足）');
  });

  it('stays on the page when the diner cancels the WeChat cashier (cloud mode)', async () => {
    stubFunctions({
      payment: {
        quote: () => quote,
        createPayment: () => ({
          payment: { paymentId: 'P20261122000000aaaaaaaaaaaa' },
          wxPayment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'MD5', paySign: 's' },
          payScorePackage: null,
        }),
      },
    });
    const page = await mountPage('pages/payment/checkout/index', { query: { orderId: 'o1' } });
    // the diner closes WeChat's cashier
    const cancel = (options: { fail?: (e: { errMsg: string }) => void }) => setTimeout(() => options.fail?.({ errMsg: 'requestPayment:fail cancel' }), 0);
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.requestPayment = cancel;
    await page.waitForText('确认支付 ¥28.00');
    await page.tapText('确认支付 ¥28.00');
    await page.waitForText('已取消支付');
    expect(wxMock().callsOf('redirectTo')).toEqual([]);
  });
});

describe('微信支付分 (cloud mode, stubbed)', () => {
  const quote = {
    orderId: 'o2',
    orderStatus: 'pending',
    payable: true,
    source: 'cabinet',
    amountFen: 3000,
    quote: { original: 3000, discount: 0, final: 3000, rate: 1 },
    level: { code: 'normal', name: '普通会员' },
    tickets: { balance: 0, required: 15000, enough: false },
    methods: ['payscore', 'wechat'],
  };
  // exactly what the backend signed; the page must pass it on untouched
  const payScore = {
    businessType: 'wxpayScoreUse',
    extraData: {
      mch_id: '1230000109',
      package: 'DJ100000000017000000',
      timestamp: '1530097563',
      nonce_str: 'zyx53Nkey8o4bHpxTQvd8m7e92nG5mG2',
      sign_type: 'HMAC-SHA256',
      sign: '1B322799DA4A00E25DE0448667F76807D222A2A36312907CF579D4CF3A3836E6',
    },
  };
  const created = { payment: { paymentId: 'P20261122000000bbbbbbbbbbbb' }, wxPayment: null, payScorePackage: payScore.extraData.package, payScore };

  function stubOpenBusinessView(outcome: (options: { success?: (r: unknown) => void; fail?: (e: { errMsg: string }) => void }) => void) {
    const calls: unknown[] = [];
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.openBusinessView = (options: Record<string, unknown>) => {
      calls.push({ businessType: options.businessType, extraData: options.extraData });
      setTimeout(() => outcome(options as never), 0);
    };
    return calls;
  }

  it('calls wx.openBusinessView with the backend’s extraData, then shows the result page', async () => {
    stubFunctions({ payment: { quote: () => quote, createPayment: () => created } });
    const page = await mountPage('pages/payment/checkout/index', { query: { orderId: 'o2' } });
    const calls = stubOpenBusinessView((o) => o.success?.({ extraData: {} }));
    await page.waitForText('确认支付 ¥30.00');
    expect(page.data.method).toBe('payscore');
    await page.tapText('确认支付 ¥30.00');
    await page.waitFor(() => wxMock().callsOf('redirectTo').length === 1, 'redirect to the result page');
    expect(calls).toEqual([{ businessType: 'wxpayScoreUse', extraData: payScore.extraData }]);
    expect(wxMock().callsOf('redirectTo')[0].url).toBe('/pages/payment/result/index?paymentId=P20261122000000bbbbbbbbbbbb');
  });

  it('stays on the page when the diner backs out of the Pay Score page', async () => {
    stubFunctions({ payment: { quote: () => quote, createPayment: () => created } });
    const page = await mountPage('pages/payment/checkout/index', { query: { orderId: 'o2' } });
    const calls = stubOpenBusinessView((o) => o.fail?.({ errMsg: 'openBusinessView:fail cancel' }));
    await page.waitForText('确认支付 ¥30.00');
    await page.tapText('确认支付 ¥30.00');
    await page.waitForText('已取消支付分确认');
    expect(calls).toHaveLength(1);
    expect(wxMock().callsOf('redirectTo')).toEqual([]);
  });
});

describe('支付详情 (staff, stubbed)', () => {
  const payment = {
    paymentId: 'P20261122000000aaaaaaaaaaaa',
    orderId: 'o1',
    orderSource: 'table',
    storeId: 's1',
    method: 'cash',
    amountFen: 5600,
    discountFen: 0,
    payableFen: 5600,
    status: 'pending',
    transactionId: null,
    paidAt: null,
    refundedFen: 0,
    refundCount: 0,
    ticketsSpent: null,
    pointsEarned: null,
    abnormal: null,
    createdAt: '2026-11-22T02:00:00Z',
  };

  it('confirms cash and reloads', async () => {
    let confirmed = false;
    stubFunctions({
      member: { getSession: () => adminSession },
      payment: {
        getPaymentDetail: () => ({
          payment: confirmed ? { ...payment, status: 'paid' } : payment,
          refunds: [],
          events: [{ type: 'created', from: null, to: 'pending', source: 'diner', at: payment.createdAt, details: null }],
        }),
        confirmCash: () => {
          confirmed = true;
          return { payment: { ...payment, status: 'paid' }, points: 56 };
        },
      },
    });
    const page = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: payment.paymentId } });
    await page.waitForText('确认已收现金 ¥56.00');
    expect(page.text()).toContain('创建支付单');
    await page.tapText('确认已收现金 ¥56.00');
    await page.waitForText('已确认收款，顾客获得 56 积分');
    await page.waitForText('已支付');
  });
});

describe('支付详情: abnormal money and Pay Score refunds (staff, stubbed)', () => {
  const base = {
    paymentId: 'P20261122000000cccccccccccc',
    orderId: 'o3',
    orderSource: 'table',
    storeId: 's1',
    method: 'wechat',
    amountFen: 3000,
    discountFen: 0,
    payableFen: 3000,
    status: 'closed',
    transactionId: null,
    paidAt: null,
    refundedFen: 0,
    refundCount: 0,
    ticketsSpent: null,
    pointsEarned: null,
    abnormal: { reason: 'paid_while_closed', reportedFen: 3000, refundedFen: 0, refunding: false },
    createdAt: '2026-11-22T02:00:00Z',
  };
  const event = (type: string, details: Record<string, unknown> | null = null) => ({
    type,
    from: 'closed',
    to: 'closed',
    source: 'wxpay_notify',
    at: base.createdAt,
    details,
  });

  it('labels each abnormal reason in Chinese, and gives back unbooked money with 退还异常款项 (reason required, one requestId)', async () => {
    let payment = base;
    const sent: Record<string, unknown>[] = [];
    stubFunctions({
      member: { getSession: () => adminSession },
      payment: {
        getPaymentDetail: () => ({ payment, refunds: [], events: [event('closed'), event('abnormal_payment')] }),
        refundAbnormal: (payload: Record<string, unknown>) => {
          sent.push(payload);
          payment = { ...base, refundCount: 1, abnormal: { ...base.abnormal, refunding: true } };
          return { refundId: 'R20261122000000cccccccccccc01', refundFen: 3000, status: 'processing' };
        },
      },
    });
    const page = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: base.paymentId } });
    await page.waitForText('支付单关闭后收到付款：微信实收 ¥30.00，未入账，请核实后退还');
    expect(page.text()).toContain('异常到账（未入账）');
    // a closed payment has nothing to refund the ordinary way
    expect(page.text()).not.toContain('退款（可退');
    await page.tapText('退还异常款项 ¥30.00');
    await page.waitFor(() => page.data.refundVisible, 'the refund dialog');
    expect(page.data.refundTitle).toBe('退还异常款项');
    expect(page.text()).toContain('将原路退还未入账的 ¥30.00，不影响订单与积分');
    await page.instance.onSubmitRefund();
    expect(page.data.refundError).toBe('请填写退款原因（至少 2 个字）');
    expect(sent).toHaveLength(0);
    page.instance.onRefundReason({ detail: { value: '关闭后收到付款' } });
    await page.instance.onSubmitRefund();
    expect(sent).toEqual([{ paymentId: base.paymentId, reason: '关闭后收到付款', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }]);
    await page.waitForText('退款 ¥30.00 已提交，等待微信处理');
    await page.waitForText('退还处理中');
    expect(page.text()).not.toContain('退还异常款项 ¥30.00');
  });

  it.each([
    [
      { ...base, status: 'pending', abnormal: { reason: 'amount_mismatch', reportedFen: 2999, refundedFen: 0, refunding: false } },
      '实收金额与应付不符：微信实收 ¥29.99，应付 ¥30.00，未入账',
      true,
    ],
    [
      { ...base, status: 'failed', abnormal: { reason: 'paid_while_failed', reportedFen: 3000, refundedFen: 3000, refunding: false } },
      '支付单失败后收到付款：微信实收 ¥30.00，未入账，已全部退还',
      false,
    ],
    [
      { ...base, status: 'paid', abnormal: { reason: 'order_already_paid', reportedFen: 3000, refundedFen: 0, refunding: false } },
      '重复支付（订单已由其他支付单支付）：这笔 ¥30.00 未计入订单，请退款',
      false,
    ],
  ])('shows %#: the reason and whether unbooked money can still be given back', async (payment, notice, canGiveBack) => {
    stubFunctions({ member: { getSession: () => adminSession }, payment: { getPaymentDetail: () => ({ payment, refunds: [], events: [] }) } });
    const page = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: base.paymentId } });
    await page.waitForText(notice);
    expect(page.text().includes('退还异常款项')).toBe(canGiveBack);
  });

  it('a Pay Score payment says where its refund happens and records one with 已在商户平台退款', async () => {
    const payment = { ...base, method: 'payscore', status: 'paid', abnormal: null, amountFen: 3200, payableFen: 3200, pointsEarned: 32 };
    const sent: Record<string, unknown>[] = [];
    stubFunctions({
      member: { getSession: () => adminSession },
      payment: {
        getPaymentDetail: () => ({ payment, refunds: [], events: [] }),
        recordPayScoreRefund: (payload: Record<string, unknown>) => {
          sent.push(payload);
          return { refundId: 'R1', refundFen: 1600, status: 'succeeded', paymentStatus: 'partially_refunded', pointsReversed: 16, ticketsReturned: 0 };
        },
      },
    });
    const page = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: base.paymentId } });
    await page.waitForText('请在微信支付商户平台退款');
    expect(page.text()).not.toContain('退款（可退');
    await page.tapText('已在商户平台退款');
    await page.waitFor(() => page.data.refundVisible, 'the refund dialog');
    expect(page.data).toMatchObject({ refundTitle: '登记商户平台退款', refundConfirmText: '确认登记' });
    page.instance.onRefundMode({ detail: { value: 'partial' } });
    page.instance.onRefundAmount({ detail: { value: '16' } });
    page.instance.onRefundReason({ detail: { value: '顾客退货' } });
    await page.instance.onSubmitRefund();
    expect(sent).toEqual([{ paymentId: base.paymentId, reason: '顾客退货', refundFen: 1600, requestId: expect.any(String) }]);
    await page.waitForText('已登记商户平台退款 ¥16.00');
  });
});

describe('services/payment refund: one idempotency key per staff intent', () => {
  it('a retry after a lost answer sends the same requestId; a new intent or a definite answer gets a new one', async () => {
    freshMiniprogram();
    const seen: string[] = [];
    let lose = true;
    stubFunctions({
      payment: {
        refund: (payload: { requestId: string; refundFen?: number }) => {
          seen.push(payload.requestId);
          if (payload.refundFen === 1) return new StubFailure(40040, '退款金额无效');
          if (lose) {
            lose = false;
            // the function ran, but the answer never reached the phone
            throw { errCode: -504003, errMsg: 'cloud.callFunction:fail timeout' };
          }
          return { refundId: 'R1', refundFen: payload.refundFen ?? 5600, status: 'succeeded', paymentStatus: 'refunded' };
        },
      },
    });
    const { refund } = requireMiniprogram('services/payment');
    await expect(refund('P20261122000000aaaaaaaaaaaa', '顾客取消', 1000)).rejects.toMatchObject({ code: -504003 });
    await expect(refund('P20261122000000aaaaaaaaaaaa', '顾客取消', 1000)).resolves.toMatchObject({ status: 'succeeded' });
    expect(seen[1]).toBe(seen[0]);
    expect(seen[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    // answered: the next refund of the same amount is a new intent
    await refund('P20261122000000aaaaaaaaaaaa', '顾客取消', 1000);
    expect(seen[2]).not.toBe(seen[0]);
    // a definite refusal ends the intent too
    await expect(refund('P20261122000000aaaaaaaaaaaa', '顾客取消', 1)).rejects.toMatchObject({ code: 40040 });
    await expect(refund('P20261122000000aaaaaaaaaaaa', '顾客取消', 1)).rejects.toMatchObject({ code: 40040 });
    expect(seen[4]).not.toBe(seen[3]);
  });
});
