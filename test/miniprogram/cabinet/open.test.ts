/**
 * 扫码开门 (cabinet subpackage): every state the diner can meet before the door opens gets its own
 * page content, in the seed's order (device → phone → unpaid orders → tickets → payment choice).
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { dinerSession } from '../support/sessions';
import { device, openCheck } from './fixtures';

const OPEN = 'cabinet/pages/open/index';

/** The backend: resolveScan answers the device of the check (or what `resolve` says), checkBeforeOpen the check. */
function backend(check: unknown, extra: Record<string, (payload: any) => unknown> = {}) {
  const calls: Record<string, unknown>[] = [];
  const current = (payload: unknown) => (typeof check === 'function' ? check(payload) : check);
  stubFunctions({
    member: { getSession: () => dinerSession, bindPhone: () => ({}) },
    cabinet: {
      resolveScan: (payload) => {
        const answer = current(payload);
        return answer instanceof StubFailure ? answer : { kind: 'device', device: answer.device };
      },
      checkBeforeOpen: (payload) => {
        calls.push(payload);
        return current(payload);
      },
      ...extra,
    },
  });
  return calls;
}

describe('扫码开门: the device', () => {
  it('reads the 小程序码 scene d=<deviceCode> and offers the payment choice', async () => {
    const calls = backend(openCheck());
    const page = await mountPage(OPEN, { query: { scene: encodeURIComponent('d=XM-T-0001') } });
    await page.waitForText('选择支付方式');
    expect(calls[0]).toEqual({ deviceCode: 'XM-T-0001' });
    expect(page.text()).toContain('一号柜');
    expect(page.text()).toContain('微信支付分');
    expect(page.text()).toContain('余额 12,000 张');
  });

  it('an unknown device: 未找到该智能柜', async () => {
    backend(() => new StubFailure(40490, '智能柜不存在'));
    const page = await mountPage(OPEN, { query: { deviceCode: 'NOPE' } });
    await page.waitForText('未找到该智能柜');
    expect(page.text()).toContain('重新扫码');
  });

  it('a scene that is not ours is an unknown code, not an error', async () => {
    backend(openCheck(), { resolveScan: () => ({ kind: 'unknown', text: '这不是智能柜的二维码' }) });
    const page = await mountPage(OPEN, { query: { scene: 'x=1' } });
    await page.waitForText('未找到该智能柜');
  });

  it.each([
    ['unbound', '智能柜尚未启用'],
    ['offline', '智能柜离线'],
    ['maintenance', '智能柜维护中'],
    ['busy', '智能柜使用中'],
    ['store_closed', '门店已停业'],
  ])('%s: %s', async (availability, title) => {
    backend(openCheck({ device: { ...device, availability } }));
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText(title);
    expect(page.text()).not.toContain('选择支付方式');
  });

  it('a store code lists the store’s cabinets to pick from', async () => {
    const calls = backend(openCheck(), {
      resolveScan: (payload) => {
        expect(payload).toEqual({ scene: 's=S001' });
        return {
          kind: 'store',
          store: { storeId: 's1', name: '气候餐厅（示范店）', address: '' },
          devices: [device, { ...device, deviceCode: 'XM-T-0002', name: '二号柜', availability: 'offline' }],
        };
      },
    });
    const page = await mountPage(OPEN, { query: { scene: 's=S001' } });
    await page.waitForText('请选择要打开的智能柜');
    expect(page.text()).toContain('二号柜');
    expect(page.text()).toContain('离线');
    await page.tapText('一号柜');
    await page.waitForText('选择支付方式');
    expect(calls[0]).toEqual({ deviceCode: 'XM-T-0001' });
  });

  it('without a code it offers the scanner and follows what it reads', async () => {
    backend(openCheck());
    wxMock().handlers.scanCode = () => ({ path: 'cabinet/pages/open/index?scene=d%3DXM-T-0001' });
    const page = await mountPage(OPEN);
    await page.waitForText('请扫描智能柜柜门上的二维码');
    await page.tapText('扫一扫');
    await page.waitForText('选择支付方式');
  });

  it('a failing check shows the error with 重试', async () => {
    let fail = true;
    backend(() => (fail ? new StubFailure(50001, '服务暂时不可用') : openCheck()), { resolveScan: () => ({ kind: 'device', device }) });
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('服务暂时不可用');
    fail = false;
    await page.tapText('重试');
    await page.waitForText('选择支付方式');
  });
});

describe('扫码开门: the diner', () => {
  it('asks to bind the phone first, then goes on', async () => {
    let bound = false;
    const bindCalls: unknown[] = [];
    stubFunctions({
      member: {
        getSession: () => dinerSession,
        bindPhone: (payload) => {
          bindCalls.push(payload);
          bound = true;
          return {};
        },
      },
      cabinet: { checkBeforeOpen: () => openCheck({ phoneBound: bound, phoneMasked: bound ? '138****0000' : null, blockedBy: bound ? null : 'phone' }) },
    });
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('请先绑定手机号');
    await page.instance.onGetPhoneNumber({ detail: { code: 'phone-code-1' } });
    await page.waitForText('选择支付方式');
    expect(bindCalls).toEqual([{ code: 'phone-code-1' }]);
  });

  it('unpaid orders block opening and are listed with 去支付', async () => {
    backend(
      openCheck({
        blockedBy: 'unpaid',
        unpaidOrders: [
          {
            orderId: 'order_cab_0001',
            orderNumber: 'CAB00001',
            storeName: '气候餐厅（示范店）',
            deviceCode: 'XM-T-0001',
            totalFen: 2300,
            dueFen: 1300,
            createdAt: '2026-12-04T02:00:00.000Z',
          },
        ],
      }),
    );
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('您有未支付的订单');
    expect(page.text()).toContain('¥13.00');
    expect(page.text()).toContain('2026-12-04 10:00');
    expect(page.text()).not.toContain('选择支付方式');
    await page.tapText('去支付');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/payment/checkout/index?orderId=order_cab_0001' });
  });

  it('a session of the diner still going: 查看购物进度', async () => {
    backend(openCheck({ openSession: { sessionId: 'CS0000000009', state: 'opened' } }));
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('您有一次购物尚未结束');
    await page.tapText('查看购物进度');
    expect(wxMock().callsOf('redirectTo')[0]).toMatchObject({ url: '/cabinet/pages/shopping/index?sessionId=CS0000000009' });
  });
});

describe('扫码开门: the payment choice', () => {
  it('Pay Score not authorized: 开通支付分 opens the Pay Score mini-program, then the door can open', async () => {
    let authorized = false;
    backend(
      () => openCheck({ payScoreState: authorized ? 'authorized' : 'unauthorized', tickets: { balance: 0, minimum: 500, enough: false, ticketsPerYuan: 500 } }),
      {
        authorizePayScore: () => {
          authorized = true;
          return { authorized: false, navigate: { appId: 'wxd8f3793ea3b935b8', path: 'pages/use/enable', extraData: { apply_permissions_token: 'tok-1' } } };
        },
      },
    );
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('开通微信支付分');
    expect(page.data.canOpen).toBe(false);
    // the button (the radio's reason 未开通支付分 shows the same words)
    await page.instance.onAuthorizePayScore();
    await page.waitFor(() => page.data.payScoreAuthorized === true, 'authorized');
    expect(wxMock().callsOf('navigateToMiniProgram')[0]).toMatchObject({
      appId: 'wxd8f3793ea3b935b8',
      path: 'pages/use/enable',
      extraData: { apply_permissions_token: 'tok-1' },
    });
    expect(page.data.canOpen).toBe(true);
    expect(page.text()).not.toContain('开通微信支付分');
  });

  it('tickets below the store minimum: 礼票余额不足, the tickets option is off', async () => {
    backend(openCheck({ payScoreState: 'unavailable', tickets: { balance: 200, minimum: 500, enough: false, ticketsPerYuan: 500 } }));
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('礼票余额不足');
    expect(page.text()).toContain('本店至少需要 500 张礼票才能用礼票开门，您当前有 200 张');
    expect(page.data.canOpen).toBe(false);
  });

  it('opens with tickets and goes to 购物中', async () => {
    const opens: Record<string, unknown>[] = [];
    backend(openCheck(), {
      openDoor: (payload) => {
        opens.push(payload);
        return { session: { sessionId: 'CS0000000042', state: 'opening' }, replayed: false, payScoreConfirm: null };
      },
    });
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('选择支付方式');
    await page.tapText('余额 12,000 张');
    await page.waitFor(() => page.data.method === 'tickets', 'tickets chosen');
    await page.tapText('开门');
    await page.waitFor(() => wxMock().callsOf('redirectTo').length === 1, 'redirect');
    expect(opens[0]).toMatchObject({ deviceCode: 'XM-T-0001', method: 'tickets', requestId: expect.stringMatching(/^open-/) });
    expect(wxMock().callsOf('redirectTo')[0]).toMatchObject({ url: '/cabinet/pages/shopping/index?sessionId=CS0000000042' });
  });

  it('a refused open (the device went offline) shows the offline page', async () => {
    let offline = false;
    backend(() => openCheck({ device: { ...device, availability: offline ? 'offline' : 'available' } }), {
      openDoor: () => {
        offline = true;
        return new StubFailure(40090, '设备暂不可用', { availability: 'offline' });
      },
    });
    const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('选择支付方式');
    await page.tapText('开门');
    await page.waitForText('暂时连不上网络');
  });

  describe('Pay Score confirm mode (the merchant has no no-confirm permission)', () => {
    const confirm = {
      businessType: 'wxpayScoreUse',
      extraData: { mch_id: '1230000109', package: 'DJ000', timestamp: '1', nonce_str: 'n', sign_type: 'HMAC-SHA256', sign: 'S' },
    };

    function stubOpenBusinessView(outcome: (options: { success?: (r: unknown) => void; fail?: (e: { errMsg: string }) => void }) => void) {
      const calls: unknown[] = [];
      (globalThis as unknown as { wx: Record<string, unknown> }).wx.openBusinessView = (options: Record<string, unknown>) => {
        calls.push({ businessType: options.businessType, extraData: options.extraData });
        setTimeout(() => outcome(options as never), 0);
      };
      return calls;
    }

    function confirmBackend() {
      const seen: string[] = [];
      backend(openCheck(), {
        openDoor: () => ({ session: { sessionId: 'CS0000000050', state: 'confirming' }, replayed: false, payScoreConfirm: confirm }),
        confirmOpen: (payload) => {
          seen.push(`confirm:${payload.sessionId}`);
          return { sessionId: 'CS0000000050', state: 'opening' };
        },
        cancelOpen: (payload) => {
          seen.push(`cancel:${payload.sessionId}`);
          return { sessionId: 'CS0000000050', state: 'cancelled' };
        },
      });
      return seen;
    }

    it('the diner confirms in WeChat, then the door opens (confirmOpen) and 购物中 follows', async () => {
      const seen = confirmBackend();
      const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
      const calls = stubOpenBusinessView((o) => o.success?.({ extraData: {} }));
      await page.waitForText('选择支付方式');
      await page.tapText('开门');
      await page.waitFor(() => wxMock().callsOf('redirectTo').length === 1, 'redirect');
      expect(calls).toEqual([confirm]);
      expect(seen).toEqual(['confirm:CS0000000050']);
      expect(wxMock().callsOf('redirectTo')[0]).toMatchObject({ url: '/cabinet/pages/shopping/index?sessionId=CS0000000050' });
    });

    it('backing out of the confirmation abandons the session (cancelOpen) and stays', async () => {
      const seen = confirmBackend();
      const page = await mountPage(OPEN, { query: { deviceCode: 'XM-T-0001' } });
      stubOpenBusinessView((o) => o.fail?.({ errMsg: 'openBusinessView:fail cancel' }));
      await page.waitForText('选择支付方式');
      await page.tapText('开门');
      await page.waitForText('已取消支付分确认');
      expect(seen).toEqual(['cancel:CS0000000050']);
      expect(wxMock().callsOf('redirectTo')).toEqual([]);
    });
  });
});
