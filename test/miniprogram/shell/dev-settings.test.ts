/**
 * 开发设置 (local mode only): switching the test user the emulator bridge sees.
 */
import { mountPage, useEmulatorBridge, wxMock } from '../support/harness';
import { adminSession, dinerSession } from '../support/sessions';

describe('开发设置', () => {
  it('is only for local mode', async () => {
    const page = await mountPage('pages/dev/settings/index');
    expect(page.text()).toContain('仅本地模式可用');
  });

  it('switches the test user, stores it and reloads the session as that user', async () => {
    const config = useEmulatorBridge('http://127.0.0.1:1');
    wxMock().handlers.request = (options: { header: Record<string, string> }) => {
      const admin = options.header['x-wx-openid'] === 'demo-admin-openid';
      return { statusCode: 200, data: { result: { code: 0, message: 'ok', data: admin ? adminSession : dinerSession } } };
    };
    const page = await mountPage('pages/dev/settings/index', { config });
    await page.waitForText('顾客');
    expect(page.text()).toContain('demo-diner-openid');
    await page.tapText('示范管理员');
    await page.waitForText('管理员（员工）');
    await page.waitForText('已切换为示范管理员');
    expect(wxMock().storage.get('dev.identity')).toMatchObject({ openid: 'demo-admin-openid' });
    expect(wxMock().callsOf('request').at(-1).header['x-wx-openid']).toBe('demo-admin-openid');
  });
});
