/**
 * Member pages (real TDesign) in local mode against a LIVE emulator: the member function's
 * bundle answers over the bridge, balances and ledgers come from the emulator's database.
 */
import { randomBytes } from 'node:crypto';
import { createCollections } from '../../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { mountPage, setTestUser, useEmulatorBridge, wxMock } from '../support/harness';

let emulator: TestEmulator;

const member = (openid: string, fields: Record<string, unknown>) => ({
  _id: openid,
  openid,
  nickname: '',
  phone: null,
  points: 0,
  totalEarned: 0,
  tickets: 0,
  levelCode: 'normal',
  levelName: '普通会员',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...fields,
});

const logRow = (openid: string, n: number) => ({
  _id: `payment:p-${openid}-${n}`,
  openid,
  points: n,
  reason: `订单消费: ORD${String(n).padStart(3, '0')}`,
  sourceType: 'payment',
  sourceId: `p-${openid}-${n}`,
  balanceAfter: (n * (n + 1)) / 2,
  // row n is n minutes after 2026-01-08 04:00 UTC (12:00 Shanghai)
  createdAt: new Date(Date.UTC(2026, 0, 8, 4, n)),
});

beforeAll(async () => {
  // phones are sealed with the functions' master key (bindPhone, lookup's migrate-on-read)
  emulator = await startTestEmulator({ functionEnv: { SECRETS_MASTER_KEY: randomBytes(32).toString('base64'), SECRETS_MASTER_KEY_ID: 'test' } });
  createCollections(emulator.db);
  emulator.db.insertRaw('members', [
    member('mc-silver', { points: 300, totalEarned: 1200, tickets: 800, levelCode: 'silver', levelName: '银卡会员' }),
    member('mc-many', { points: 325, totalEarned: 325 }),
    member('mc-redeem', { points: 120, totalEarned: 120 }),
  ]);
  emulator.db.insertRaw(
    'member_points_logs',
    Array.from({ length: 25 }, (_, i) => logRow('mc-many', i + 1)),
  );
});

afterAll(async () => {
  await emulator?.stop();
});

describe('会员中心 (live emulator)', () => {
  it('shows level, discount, progress to the next level, points and tickets', async () => {
    setTestUser('mc-silver');
    const page = await mountPage('pages/member/center/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('银卡会员');
    const text = page.text();
    expect(text).toContain('9.5 折');
    expect(text).toContain('再累计 3800 积分升级为金卡会员');
    expect(text).toContain('300可用积分');
    expect(text).toContain('800礼票（张）');
    expect(text).toContain('绑定手机号');
    expect(
      wxMock()
        .callsOf('request')
        .find((r: any) => r.data.action === 'getProfile'),
    ).toMatchObject({ url: `${emulator.url}/functions/member`, data: { action: 'getProfile' }, header: { 'x-wx-openid': 'mc-silver' } });

    await page.tapText('积分明细');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length > 0, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/member/points-log/index' });
  });

  it('creates the membership of a first-time diner and binds the phone through the simulator', async () => {
    setTestUser('mc-newcomer');
    const page = await mountPage('pages/member/center/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('普通会员');
    expect(page.text()).toContain('再累计 1000 积分升级为银卡会员');
    // what <t-button open-type="getPhoneNumber"> delivers after the user agrees
    await page.instance.onGetPhoneNumber({ detail: { code: 'test-phone-13511112222' } });
    await page.waitForText('13511112222');
    expect(page.text()).not.toContain('绑定手机号');
  });

  it('shows the error state with a retry when the function fails', async () => {
    setTestUser('mc-silver');
    const page = await mountPage('pages/member/center/index', { config: useEmulatorBridge('http://127.0.0.1:9') });
    await page.waitForText('会员信息加载失败');
    expect(page.text()).toContain('重试');
  });
});

describe('积分明细 (live emulator)', () => {
  it('pages the ledger newest first and loads more on demand', async () => {
    setTestUser('mc-many');
    const page = await mountPage('pages/member/points-log/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('共 25 条');
    expect(page.text()).toContain('订单消费: ORD025');
    expect(page.text()).toContain('+25');
    expect(page.text()).toContain('2026-01-08 12:25 · 余额 325');
    expect(page.text()).not.toContain('ORD005');
    expect(page.text()).toContain('加载更多');

    await page.tapText('加载更多');
    await page.waitForText('订单消费: ORD001');
    expect(page.data.rows).toHaveLength(25);
    expect(page.text()).toContain('没有更多了');
  });

  it('shows the empty state for a member without entries', async () => {
    setTestUser('mc-silver');
    const page = await mountPage('pages/member/points-log/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('还没有积分记录');
  });
});

// 积分兑换 (the reward catalogue) and 兑换核销: rewards.test.ts

describe('会员查询 (admin, live emulator)', () => {
  beforeAll(() => {
    emulator.db.insertRaw('staff', [{ _id: 'mp-admin', openid: 'mp-admin', name: '店长', role: 'admin', storeIds: [], status: 'active' }]);
    // adjustments are made for a store: the page offers the operator's stores (one here, chosen for them)
    emulator.db.insertRaw('stores', [{ _id: 'mp-store', name: '测试门店', address: '上海', status: 'active', createdAt: new Date() }]);
    emulator.db.insertRaw('members', [member('mc-phone', { nickname: '老顾客', phone: '13712345678', points: 40, totalEarned: 40, tickets: 0 })]);
  });

  it('finds a member by phone (masked), adjusts points and tops up tickets', async () => {
    setTestUser('mp-admin');
    const page = await mountPage('admin/pages/member/lookup/index', { config: useEmulatorBridge(emulator.url) });
    page.instance.onPhoneChange({ detail: { value: '13712345678' } });
    await page.instance.onSearch();
    await page.waitForText('老顾客');
    expect(page.text()).toContain('137****5678');
    expect(page.text()).not.toContain('13712345678');

    await page.tapText('调整积分');
    page.instance.onAmountChange({ detail: { value: '-10' } });
    page.instance.onReasonChange({ detail: { value: '误加扣回' } });
    await page.tapText('提交');
    await page.waitForText('扣减 10 积分，原因：误加扣回');
    await page.tapText('确定');
    await page.waitForText('积分已调整，余额 30');

    await page.tapText('充值礼票');
    page.instance.onAmountChange({ detail: { value: '500' } });
    page.instance.onReasonChange({ detail: { value: '活动赠送' } });
    await page.tapText('提交');
    await page.tapText('确定');
    await page.waitForText('礼票已充值，余额 500');
    expect(emulator.db.readAll('audit_logs').filter((a) => a.targetId === 'mc-phone')).toHaveLength(2);
    expect(emulator.db.readAll('audit_logs').filter((a) => a.targetId === 'mc-phone' && a.storeId === 'mp-store')).toHaveLength(2);
  });

  it('tells a diner the page is staff-only', async () => {
    setTestUser('mc-silver');
    const page = await mountPage('admin/pages/member/lookup/index', { config: useEmulatorBridge(emulator.url) });
    page.instance.onPhoneChange({ detail: { value: '13712345678' } });
    await page.instance.onSearch();
    await page.waitForText('仅限员工使用');
    expect(page.text()).not.toContain('重试');
  });
});
