/**
 * 我的 with the transport boundary stubbed (cloud mode, wx.cloud.callFunction answered by
 * stubFunctions): states and navigation that the live tests do not reach.
 */
import { mountPage, stubFunctions, useEmulatorBridge, wxMock } from '../support/harness';
import { adminSession, clerkSession, dinerSession, managerSession } from '../support/sessions';

describe('我的', () => {
  it('hides the staff entry from diners', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/mine/index/index');
    await page.waitForText('绿叶会员 · 120 积分');
    expect(page.text()).toContain('小明');
    expect(page.text()).not.toContain('员工工作台');
    expect(page.text()).not.toContain('开发设置'); // cloud mode
  });

  it('会员中心 and 积分明细 open their pages (no 即将上线)', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/mine/index/index');
    await page.waitForText('绿叶会员 · 120 积分');
    await page.tapText('会员中心');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    await page.tapText('积分明细');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 2, 'second navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([
      expect.objectContaining({ url: '/pages/member/center/index' }),
      expect.objectContaining({ url: '/pages/member/points-log/index' }),
    ]);
    expect(page.text()).not.toContain('即将上线');
  });

  it('shows staff the 员工工作台 entry, which opens the admin subpackage', async () => {
    stubFunctions({ member: { getSession: () => adminSession } });
    const page = await mountPage('pages/mine/index/index');
    await page.waitForText('员工工作台');
    expect(page.text()).toContain('管理员');
    expect(page.text()).toContain('王店长 · 管理全部门店');
    expect(page.text()).not.toContain('全部 家门店');
    await page.tapText('员工工作台');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/admin/pages/workbench/index' });
  });

  it.each([
    [managerSession, '李店长 · 管理 2 家门店'],
    [clerkSession, '小李 · 管理 1 家门店'],
    [{ ...clerkSession, staff: { ...clerkSession.staff, storeIds: [] } }, '小李 · 暂未分配门店'],
  ])('counts the stores a manager or clerk is given: %#', async (session, line) => {
    stubFunctions({ member: { getSession: () => session } });
    const page = await mountPage('pages/mine/index/index');
    await page.waitForText(line);
  });

  it('in local mode offers 开发设置 with the current test user', async () => {
    const config = useEmulatorBridge('http://127.0.0.1:1');
    wxMock().handlers.request = () => ({ statusCode: 200, data: { result: { code: 0, message: 'ok', data: dinerSession } } });
    const page = await mountPage('pages/mine/index/index', { config });
    await page.waitForText('当前测试用户：示范顾客');
    await page.tapText('开发设置');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/dev/settings/index' });
  });
});
