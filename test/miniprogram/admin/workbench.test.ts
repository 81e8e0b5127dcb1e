/**
 * 工作台 (admin subpackage) with the transport boundary stubbed (cloud mode, wx.cloud.callFunction
 * answered by stubFunctions): states and navigation that the live tests do not reach.
 */
import { mountPage, stubFunctions, wxMock } from '../support/harness';
import { adminSession } from '../support/sessions';

describe('工作台', () => {
  it('offers 收银系统接入, 支付记录 and 会员查询', async () => {
    stubFunctions({
      member: { getSession: () => adminSession },
      admin: { listMyStores: () => ({ items: [], total: 0, page: 1, pageSize: 20, hasMore: false }) },
    });
    const page = await mountPage('admin/pages/workbench/index');
    await page.waitForText('暂无可管理的门店');
    for (const entry of ['收银系统接入', '支付记录', '会员查询']) {
      await page.tapText(entry);
    }
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 3, 'three navigateTo');
    expect(
      wxMock()
        .callsOf('navigateTo')
        .map((c) => c.url),
    ).toEqual(['/admin/pages/pos-interface/integrations/index', '/admin/pages/payment/list/index', '/admin/pages/member/lookup/index']);
  });

  it('shows the empty state for staff without stores', async () => {
    stubFunctions({
      member: { getSession: () => ({ ...adminSession, role: 'clerk', staff: { name: '小李', role: 'clerk', storeIds: [] } }) },
      admin: { listMyStores: () => ({ items: [], total: 0, page: 1, pageSize: 20, hasMore: false }) },
    });
    const page = await mountPage('admin/pages/workbench/index');
    await page.waitForText('暂无可管理的门店');
    expect(page.text()).toContain('店员');
  });

  it('loads the next page at the bottom', async () => {
    const listMyStores = jest.fn(({ page }: { page: number }) =>
      page === 1
        ? { items: [{ _id: 's1', name: '一号店', address: 'A 路' }], total: 2, page: 1, pageSize: 20, hasMore: true }
        : { items: [{ _id: 's2', name: '二号店', address: 'B 路' }], total: 2, page: 2, pageSize: 20, hasMore: false },
    );
    stubFunctions({ member: { getSession: () => adminSession }, admin: { listMyStores } });
    const page = await mountPage('admin/pages/workbench/index');
    await page.waitForText('一号店');
    page.instance.onReachBottom();
    await page.waitForText('二号店');
    expect(page.text()).toContain('没有更多了');
    expect(listMyStores).toHaveBeenLastCalledWith({ page: 2, pageSize: 20 }, expect.anything());
  });
});
