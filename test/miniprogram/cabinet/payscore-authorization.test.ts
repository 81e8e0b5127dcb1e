/**
 * 开通支付分 through the one transport: cloud mode opens WeChat's Pay Score mini-program with the
 * backend's token untouched; local mode asks the emulator's Pay Score sandbox to open it for the dev
 * test user (which then notifies the backend as WeChat would).
 */
import { freshMiniprogram, requireMiniprogram, setTestUser, wxMock } from '../support/harness';

const authorization = { appId: 'wxd8f3793ea3b935b8', path: 'pages/use/enable', extraData: { apply_permissions_token: 'tok-1' } };

function transport(mode: 'cloud' | 'local') {
  freshMiniprogram({ config: { mode, envId: 'env-test', localBaseUrl: 'http://127.0.0.1:9999/' } });
  return requireMiniprogram<{ openPayScoreAuthorization(a: typeof authorization): Promise<void> }>('services/transport');
}

it('cloud: wx.navigateToMiniProgram with the token', async () => {
  await transport('cloud').openPayScoreAuthorization(authorization);
  expect(wxMock().callsOf('navigateToMiniProgram')[0]).toMatchObject(authorization);
  expect(wxMock().callsOf('request')).toEqual([]);
});

it('local: the sandbox opens it for the test user', async () => {
  setTestUser('demo-diner-openid');
  const t = transport('local');
  wxMock().handlers.request = () => ({ statusCode: 200, data: { state: 'AVAILABLE' } });
  await t.openPayScoreAuthorization(authorization);
  expect(wxMock().callsOf('request')[0]).toMatchObject({
    url: 'http://127.0.0.1:9999/_emulator/wxpay/payscore/permissions/open',
    method: 'POST',
    data: { openid: 'demo-diner-openid', apply_permissions_token: 'tok-1' },
  });
  expect(wxMock().callsOf('navigateToMiniProgram')).toEqual([]);
});
