/**
 * 首页 with the transport boundary stubbed (cloud mode, wx.cloud.callFunction answered by
 * stubFunctions): states and navigation that the live tests do not reach.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { dinerSession } from '../support/sessions';

describe('首页', () => {
  it('greets a diner without a member profile', async () => {
    stubFunctions({ member: { getSession: () => ({ ...dinerSession, member: null }) } });
    const page = await mountPage('pages/home/index/index');
    await page.waitForText('尚未加入会员');
    expect(page.text()).toContain('你好，欢迎光临');
  });

  it('shows an error with 重试 when the session cannot load, and recovers', async () => {
    let calls = 0;
    stubFunctions({ member: { getSession: () => (++calls === 1 ? new StubFailure(50001, '服务内部错误') : dinerSession) } });
    const page = await mountPage('pages/home/index/index');
    await page.waitForText('会员信息加载失败');
    expect(page.text()).toContain('服务内部错误');
    await page.tapText('重试');
    await page.waitForText('你好，小明');
    expect(calls).toBe(2);
  });

  it('扫码点餐 opens the table ordering page (which asks for a table code)', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/home/index/index');
    await page.tapText('扫码点餐');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/ordering/table/index' });
    expect(page.text()).not.toContain('扫码点餐即将上线');
  });

  it('扫码开门 opens the cabinet subpackage’s 扫码开门 page', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/home/index/index');
    await page.tapText('扫码开门');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/cabinet/pages/open/index' });
  });

  it('the 会员中心 entry and the member card open the member center page', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/home/index/index');
    await page.waitForText('你好，小明');
    await page.tapText('会员中心');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    await page.tapText('你好，小明');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 2, 'second navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([
      expect.objectContaining({ url: '/pages/member/center/index' }),
      expect.objectContaining({ url: '/pages/member/center/index' }),
    ]);
    expect(page.text()).not.toContain('即将上线');
  });
});
