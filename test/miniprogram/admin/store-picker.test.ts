/**
 * The diner's 当前门店 (stubbed): a scanned store code selects its store at once; otherwise 选择门店
 * lists the open stores (nearest first when located) and the pick becomes 首页's 当前门店.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';

const store = (id: string, name: string, distanceM: number | null) => ({
  _id: id,
  code: id.toUpperCase(),
  name,
  address: `${name}地址`,
  businessHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: '10:00', close: '22:00' }],
  distanceM,
});

describe('选择门店', () => {
  it('a scanned store code becomes the current store and returns to 首页', async () => {
    stubFunctions({
      admin: { resolveStore: ({ code }) => (code === 'SH-002' ? store('store_sh-002', '滨江店', null) : new StubFailure(40496, '门店不存在')) },
    });
    await mountPage('pages/store/picker/index', { query: { code: 'SH-002' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(wxMock().storage.get('currentStore')).toEqual({ id: 'store_sh-002', name: '滨江店' });
    expect(wxMock().callsOf('switchTab')[0]).toMatchObject({ url: '/pages/home/index/index' });
    const home = await mountPage('pages/home/index/index');
    expect(home.text()).toContain('滨江店');
  });

  it('lists the open stores with hours and distance; the pick is kept', async () => {
    stubFunctions({
      admin: { listOpenStores: () => ({ items: [store('s1', '外滩店', 850), store('s2', '滨江店', 3200)], total: 2, page: 1, pageSize: 50, hasMore: false }) },
    });
    const page = await mountPage('pages/store/picker/index');
    await page.waitForText('外滩店');
    expect(page.text()).toContain('850 米');
    expect(page.text()).toContain('3.2 公里');
    expect(page.text()).toContain('10:00–22:00');
    await page.tapText('滨江店');
    expect(wxMock().storage.get('currentStore')).toEqual({ id: 's2', name: '滨江店' });
  });
});
