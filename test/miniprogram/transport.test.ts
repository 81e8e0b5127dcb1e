/**
 * services/transport.ts: the one wire to the backend, in both modes, and its error mapping.
 * The wx boundary is the recording mock from support/wx-mock.ts.
 */
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
