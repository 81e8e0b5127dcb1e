/**
 * services/transport.ts: the one wire to the backend, in both modes, and its error mapping.
 * The wx boundary is the recording mock from support/wx-mock.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshMiniprogram, requireMiniprogram, wxMock } from './support/harness';

interface TransportModule {
  callFunction<T>(name: string, action: string, payload?: Record<string, unknown>): Promise<T>;
}
interface ErrorsModule {
  ApiError: new (...args: any[]) => Error & { code: number; details?: Record<string, unknown>; requestId?: string };
}

function load(mode: 'cloud' | 'local') {
  freshMiniprogram({ config: { mode, envId: 'env-test', localBaseUrl: 'http://127.0.0.1:9999/' } });
  return {
    transport: requireMiniprogram<TransportModule>('services/transport'),
    errors: requireMiniprogram<ErrorsModule>('services/errors'),
  };
}

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('cloud mode', () => {
  it('calls wx.cloud.callFunction with {action, ...payload} and returns data', async () => {
    const { transport } = load('cloud');
    wxMock().handlers.callFunction = () => ({ result: { code: 0, message: 'ok', data: { items: [1] }, requestId: 'r1' } });
    await expect(transport.callFunction('admin', 'listMyStores', { page: 2 })).resolves.toEqual({ items: [1] });
    expect(wxMock().callsOf('cloud.init')).toEqual([{ env: 'env-test', traceUser: true }]);
    expect(wxMock().callsOf('cloud.callFunction')).toEqual([{ name: 'admin', data: { page: 2, action: 'listMyStores' } }]);
    expect(wxMock().callsOf('request')).toEqual([]);
  });

  it('turns an error envelope into ApiError with code, message, details and requestId', async () => {
    const { transport, errors } = load('cloud');
    wxMock().handlers.callFunction = () => ({
      result: { code: 40001, message: '参数校验失败: page', data: null, details: { field: 'page' }, requestId: 'r2' },
    });
    const error = await rejection(transport.callFunction('admin', 'listMyStores'));
    expect(error).toBeInstanceOf(errors.ApiError);
    expect(error).toMatchObject({ code: 40001, message: '参数校验失败: page', details: { field: 'page' }, requestId: 'r2' });
  });

  it('maps a platform failure to ApiError carrying the errMsg', async () => {
    const { transport, errors } = load('cloud');
    wxMock().handlers.callFunction = () => {
      throw { errCode: -501000, errMsg: 'cloud.callFunction:fail FunctionName parameter could not be found' };
    };
    const error = await rejection(transport.callFunction('nope', 'x'));
    expect(error).toBeInstanceOf(errors.ApiError);
    expect(error).toMatchObject({ code: -501000, details: { errMsg: expect.stringContaining('could not be found') } });
  });

  it('rejects a reply that is not an envelope', async () => {
    const { transport } = load('cloud');
    wxMock().handlers.callFunction = () => ({ result: 'hello' });
    await expect(transport.callFunction('member', 'getSession')).rejects.toMatchObject({ code: -2, message: '服务返回格式错误' });
  });
});

describe('local mode', () => {
  it('POSTs the event to the bridge as the stored test user and unwraps result', async () => {
    const { transport } = load('local');
    wxMock().storage.set('dev.identity', { openid: 'demo-admin-openid', label: '示范管理员', roleLabel: '' });
    wxMock().handlers.request = () => ({
      statusCode: 200,
      data: { errMsg: 'cloud.callFunction:ok', result: { code: 0, message: 'ok', data: { openid: 'demo-admin-openid' } }, requestId: 'r' },
    });
    await expect(transport.callFunction('member', 'getSession')).resolves.toEqual({ openid: 'demo-admin-openid' });
    expect(wxMock().callsOf('request')).toEqual([
      expect.objectContaining({
        url: 'http://127.0.0.1:9999/functions/member',
        method: 'POST',
        data: { action: 'getSession' },
        header: { 'content-type': 'application/json', 'x-wx-openid': 'demo-admin-openid' },
      }),
    ]);
    expect(wxMock().callsOf('cloud.callFunction')).toEqual([]);
  });

  it('defaults to the demo diner when no test user was picked', async () => {
    const { transport } = load('local');
    wxMock().handlers.request = () => ({ statusCode: 200, data: { result: { code: 0, message: 'ok', data: null } } });
    await transport.callFunction('member', 'getSession');
    expect(wxMock().callsOf('request')[0].header['x-wx-openid']).toBe('demo-diner-openid');
  });

  it('maps a non-2xx bridge reply {errCode, errMsg} to ApiError', async () => {
    const { transport } = load('local');
    wxMock().handlers.request = () => ({
      statusCode: 404,
      data: { errCode: -501000, errMsg: 'cloud.callFunction:fail FunctionName parameter could not be found: nope' },
    });
    await expect(transport.callFunction('nope', 'x')).rejects.toMatchObject({ code: -501000, details: { errMsg: expect.stringContaining('nope') } });
  });

  it('explains a connection failure (emulator not running)', async () => {
    const { transport } = load('local');
    wxMock().handlers.request = () => {
      throw { errMsg: 'request:fail url not in domain list' };
    };
    await expect(transport.callFunction('member', 'getSession')).rejects.toMatchObject({ code: -1, message: '无法连接本地模拟器，请确认已运行 npm start' });
  });
});

describe('WeChat Pay on the client: the transport picks the real WeChat UI or the emulator’s simulators', () => {
  interface PayTransport {
    requestPayment(paymentId: string, wxPayment: Record<string, string>): Promise<void>;
    openPayScore(view: { businessType: 'wxpayScoreUse'; extraData: Record<string, string> }): Promise<void>;
  }
  const wxPayment = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'MD5', paySign: 's' };
  const view = {
    businessType: 'wxpayScoreUse' as const,
    extraData: { mch_id: '1230000109', package: 'DJ1', timestamp: '1530097563', nonce_str: 'abc', sign_type: 'HMAC-SHA256', sign: 'SIG' },
  };
  const globalWx = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  function stubWx(api: string, outcome: (options: { success?: () => void; fail?: (e: { errMsg: string }) => void }) => void): unknown[] {
    const calls: unknown[] = [];
    globalWx()[api] = (options: Record<string, unknown>) => {
      const { success: _s, fail: _f, ...rest } = options;
      calls.push(rest);
      setTimeout(() => outcome(options as never), 0);
    };
    return calls;
  }

  it('cloud mode: wx.requestPayment gets the unifiedOrder parameters; a cancel rejects with 已取消支付', async () => {
    const { transport } = load('cloud');
    const pay = transport as unknown as PayTransport;
    const calls = stubWx('requestPayment', (o) => o.success?.());
    await expect(pay.requestPayment('P20261122000000aaaaaaaaaaaa', wxPayment)).resolves.toBeUndefined();
    expect(calls).toEqual([wxPayment]);
    stubWx('requestPayment', (o) => o.fail?.({ errMsg: 'requestPayment:fail cancel' }));
    await expect(pay.requestPayment('P20261122000000aaaaaaaaaaaa', wxPayment)).rejects.toMatchObject({ message: '已取消支付', details: { cancelled: true } });
    expect(wxMock().callsOf('request')).toEqual([]);
  });

  it('cloud mode: wx.openBusinessView gets the signed extraData untouched', async () => {
    const { transport } = load('cloud');
    const calls = stubWx('openBusinessView', (o) => o.success?.());
    await (transport as unknown as PayTransport).openPayScore(view);
    expect(calls).toEqual([view]);
  });

  it('local mode: the emulator’s WeChat Pay simulator pays, and the Pay Score sandbox confirms, as the test user', async () => {
    const { transport } = load('local');
    const pay = transport as unknown as PayTransport;
    const requestPayment = stubWx('requestPayment', (o) => o.success?.());
    const openBusinessView = stubWx('openBusinessView', (o) => o.success?.());
    wxMock().handlers.request = () => ({ statusCode: 200, data: {} });
    await pay.requestPayment('P20261122000000aaaaaaaaaaaa', wxPayment);
    await pay.openPayScore(view);
    expect(wxMock().callsOf('request')).toEqual([
      expect.objectContaining({ url: 'http://127.0.0.1:9999/_emulator/wxpay/pay', method: 'POST', data: { outTradeNo: 'P20261122000000aaaaaaaaaaaa' } }),
      expect.objectContaining({
        url: 'http://127.0.0.1:9999/_emulator/wxpay/payscore/confirm',
        data: view.extraData,
        header: expect.objectContaining({ 'x-wx-openid': 'demo-diner-openid' }),
      }),
    ]);
    expect([requestPayment, openBusinessView]).toEqual([[], []]);
  });

  it('local mode: a simulator refusal rejects with the action’s message', async () => {
    const { transport } = load('local');
    wxMock().handlers.request = () => ({ statusCode: 409, data: {} });
    await expect((transport as unknown as PayTransport).requestPayment('P20261122000000aaaaaaaaaaaa', wxPayment)).rejects.toMatchObject({
      code: -1,
      message: '模拟支付失败',
      details: { errMsg: 'HTTP 409' },
    });
  });

  it('services/payment.ts leaves the mode to the transport (no config.mode, no action names as strings)', () => {
    const source = readFileSync(join(__dirname, '../../miniprogram/services/payment.ts'), 'utf8');
    expect(source).not.toMatch(/config\.mode|config\/index/);
    expect(source).not.toMatch(/callFunction/);
  });
});

describe('40902 操作繁忙: one retry with backoff, the same event', () => {
  const busy = { code: 40902, message: '操作繁忙，请稍后重试', data: null, details: { retryable: true }, requestId: 'busy' };
  const ok = { code: 0, message: 'ok', data: { replayed: true } };
  const event = { paymentId: 'P20261122000000aaaaaaaaaaaa', reason: '顾客取消', requestId: 'refund-key-0001' };

  it.each(['cloud', 'local'] as const)('%s mode: a busy reply is sent again once, unchanged, after 300–700 ms', async (mode) => {
    const { transport } = load(mode);
    const replies = [busy, ok];
    const sentAt: number[] = [];
    const next = () => {
      sentAt.push(Date.now());
      return replies.shift();
    };
    wxMock().handlers.callFunction = () => ({ result: next() });
    wxMock().handlers.request = () => ({ statusCode: 200, data: { result: next() } });

    await expect(transport.callFunction('payment', 'refund', event)).resolves.toEqual({ replayed: true });

    const sent =
      mode === 'cloud'
        ? wxMock()
            .callsOf('cloud.callFunction')
            .map((c) => c.data)
        : wxMock()
            .callsOf('request')
            .map((c) => c.data);
    expect(sent).toEqual([
      { ...event, action: 'refund' },
      { ...event, action: 'refund' },
    ]);
    expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(290);
  });

  it('a second busy reply reaches the caller: no third attempt', async () => {
    const { transport, errors } = load('cloud');
    wxMock().handlers.callFunction = () => ({ result: busy });
    const error = await rejection(transport.callFunction('member', 'redeemPoints', { points: 1, reason: 'x', idempotencyKey: 'redeem-key-01' }));
    expect(error).toBeInstanceOf(errors.ApiError);
    expect(error).toMatchObject({ code: 40902, message: '操作繁忙，请稍后重试' });
    expect(wxMock().callsOf('cloud.callFunction')).toHaveLength(2);
  });

  it.each([40901, 40001, 50001])('%i is not retried', async (code) => {
    const { transport } = load('cloud');
    wxMock().handlers.callFunction = () => ({ result: { code, message: 'x', data: null } });
    await expect(transport.callFunction('payment', 'refund', event)).rejects.toMatchObject({ code });
    expect(wxMock().callsOf('cloud.callFunction')).toHaveLength(1);
  });
});
