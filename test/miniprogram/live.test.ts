/**
 * Acceptance: real pages with real TDesign components, in local mode, against a LIVE emulator
 * (the built function bundles in build/functions, the emulator's database seeded with the
 * demo data `npm start` uses). The transport's wx.request is a real HTTP call to the bridge.
 */
import { localFunctionEnv } from '../../emulator/local-config';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { mountPage, setTestUser, useEmulatorBridge, wxMock } from './support/harness';

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
  createCollections(emulator.db);
  seedDemoData(emulator.db, emulator.dataDir, localFunctionEnv(emulator.dataDir));
  // Member profiles are keyed by openid (`_id` = openid); make sure the demo diner has one
  // whatever id the seed gives it.
  if (!emulator.db.readAll('members').some((doc) => doc._id === 'demo-diner-openid')) {
    emulator.db.insertRaw('members', [{ _id: 'demo-diner-openid', openid: 'demo-diner-openid', nickname: '示范顾客', levelName: '普通会员', points: 0 }]);
  }
});

afterAll(async () => {
  await emulator?.stop();
});

describe('首页 (live emulator)', () => {
  it('shows the store, the entries and the diner from getSession; 会员中心 opens the member center', async () => {
    setTestUser('demo-diner-openid');
    const page = await mountPage('pages/home/index/index', { config: useEmulatorBridge(emulator.url) });

    expect(page.text()).toContain('气候餐厅（示范店）');
    for (const entry of ['扫码开门', '扫码点餐', '会员中心']) expect(page.text()).toContain(entry);
    await page.waitForText('你好，示范顾客');
    expect(page.text()).toContain('普通会员 · 0 积分');
    // the call really went over HTTP to the bridge as the chosen test user
    const [request] = wxMock().callsOf('request');
    expect(request).toMatchObject({
      url: `${emulator.url}/functions/member`,
      method: 'POST',
      data: { action: 'getSession' },
      header: { 'x-wx-openid': 'demo-diner-openid' },
    });

    await page.tapText('会员中心');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length > 0, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([expect.objectContaining({ url: '/pages/member/center/index' })]);
    expect(page.text()).not.toContain('即将上线');
  });

  it('扫码开门 opens the cabinet subpackage’s 扫码开门 page', async () => {
    setTestUser('demo-diner-openid');
    const page = await mountPage('pages/home/index/index', { config: useEmulatorBridge(emulator.url) });
    await page.tapText('扫码开门');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([expect.objectContaining({ url: '/cabinet/pages/open/index' })]);
  });
});

describe('工作台 (live emulator)', () => {
  it('lists the admin’s stores and opens the store detail on tap', async () => {
    setTestUser('demo-admin-openid');
    const page = await mountPage('admin/pages/workbench/index', { config: useEmulatorBridge(emulator.url) });

    await page.waitForText('气候餐厅（示范店）');
    expect(page.text()).toContain('示范管理员');
    expect(page.text()).toContain('管理员');
    expect(page.text()).toContain('上海市徐汇区示范路 88 号');

    await page.tapText('气候餐厅（示范店）');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length > 0, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([expect.objectContaining({ url: '/admin/pages/store/index?storeId=rest_123456' })]);
  });

  it('store detail loads the store with its device count', async () => {
    setTestUser('demo-admin-openid');
    const page = await mountPage('admin/pages/store/index', { query: { storeId: 'rest_123456' }, config: useEmulatorBridge(emulator.url) });
    await page.waitForText('SH-001');
    expect(page.text()).toContain('气候餐厅（示范店）');
    expect(page.text()).toContain('营业中');
    expect(page.text()).toContain('1 台');
    expect(wxMock().callsOf('setNavigationBarTitle')).toEqual([expect.objectContaining({ title: '气候餐厅（示范店）' })]);
  });

  it('a diner is refused with the backend’s message and no retry button', async () => {
    setTestUser('demo-diner-openid');
    const page = await mountPage('admin/pages/workbench/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('仅限员工使用');
    expect(page.text()).toContain('加载失败');
    expect(page.text()).not.toContain('重试');
  });
});
