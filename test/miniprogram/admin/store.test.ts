/**
 * 门店详情 (admin subpackage) with the transport boundary stubbed: states the live tests do not reach.
 */
import { mountPage, wxMock } from '../support/harness';

describe('门店详情', () => {
  it('explains a missing storeId without calling the backend', async () => {
    const page = await mountPage('admin/pages/store/index');
    expect(page.text()).toContain('缺少门店参数');
    expect(
      wxMock()
        .callsOf('cloud.callFunction')
        .filter((c) => c.data.action === 'getStore'),
    ).toEqual([]);
  });
});
