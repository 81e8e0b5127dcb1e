/**
 * 积分兑换 against the reward catalogue, and the staff 兑换核销 screen (issue 12 item 17): real
 * pages with real TDesign components in local mode against a LIVE emulator.
 */
import { createCollections } from '../../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { mountPage, setTestUser, useEmulatorBridge, wxMock } from '../support/harness';

let emulator: TestEmulator;

const member = (openid: string, points: number) => ({
  _id: openid,
  openid,
  nickname: '',
  points,
  totalEarned: points,
  tickets: 0,
  levelCode: 'normal',
  levelName: '普通会员',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
});

const reward = (id: string, name: string, pointsCost: number, stock: number, storeIds: string[] = []) => ({
  _id: id,
  name,
  description: '到店领取',
  pointsCost,
  stock,
  active: true,
  storeIds,
  createdAt: new Date(),
  updatedAt: new Date(),
  updatedBy: 'seed',
});

beforeAll(async () => {
  emulator = await startTestEmulator();
  createCollections(emulator.db);
  emulator.db.insertRaw('members', [member('rw-diner', 120), member('rw-other', 500)]);
  emulator.db.insertRaw('member_rewards', [reward('rwd_soy', '有机豆浆', 30, 10), reward('rwd_cake', '桂花糕', 100, 1), reward('rwd_gone', '帆布袋', 10, 0)]);
  emulator.db.insertRaw('stores', [{ _id: 'rw-store', name: '示范门店', address: '上海', status: 'active', createdAt: new Date() }]);
  emulator.db.insertRaw('staff', [{ _id: 'rw-clerk', openid: 'rw-clerk', name: '店员', role: 'clerk', storeIds: ['rw-store'], status: 'active' }]);
});

afterAll(async () => {
  await emulator?.stop();
});

describe('积分兑换 (reward catalogue, live emulator)', () => {
  it('shows the catalogue, redeems after confirmation and shows the code, listed under 我的兑换', async () => {
    setTestUser('rw-diner');
    const page = await mountPage('pages/member/redeem/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('可用积分120');
    expect(page.text()).toContain('有机豆浆');
    expect(page.text()).toContain('30 积分 · 剩余 10 · 到店领取');
    expect(page.text()).toContain('帆布袋');
    expect(page.text()).toContain('已兑完');
    expect(page.text()).toContain('还没有兑换记录');

    await page.tapText('桂花糕');
    await page.waitForText('确认使用 100 积分兑换「桂花糕」');
    expect(
      wxMock()
        .callsOf('request')
        .filter((r: any) => r.data.action === 'redeemReward'),
    ).toHaveLength(0); // nothing before confirming
    await page.tapText('确定');
    await page.waitForText('兑换成功');
    expect(page.text()).toContain('已兑换「桂花糕」，使用 100 积分，剩余 20');
    const [stored] = emulator.db.readAll('member_redemptions').filter((r) => r.openid === 'rw-diner');
    expect(stored).toMatchObject({ status: 'issued', rewardId: 'rwd_cake' });
    expect(page.text()).toContain(stored.code);
    await page.waitForText(`兑换码 ${stored.code}`);
    expect(page.text()).toContain('待核销');
  });

  it('refuses locally what the balance cannot pay, and shows the server’s answer when the balance moved', async () => {
    setTestUser('rw-diner');
    const page = await mountPage('pages/member/redeem/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('可用积分20');
    await page.tapText('有机豆浆');
    await page.waitForText('积分不足：兑换「有机豆浆」需要 30，当前可用 20');

    // the page's balance is stale (it thinks 40): the server refuses and the page shows the real one
    page.instance.setData({ balance: 40 });
    await page.tapText('30 积分 · 剩余 10');
    await page.waitForText('确认使用 30 积分');
    await page.tapText('确定');
    await page.waitForText('积分不足');
    expect(page.text()).toContain('可用积分20');
  });
});

describe('兑换核销 (staff, live emulator)', () => {
  it('verifies the code the diner shows at the chosen store, once', async () => {
    const { data } = await emulator.call<any>('member', { action: 'redeemReward', rewardId: 'rwd_soy', idempotencyKey: 'page-verify-01' }, 'rw-other');
    const code: string = data.redemption.code;

    setTestUser('rw-clerk');
    const page = await mountPage('admin/pages/member/verify/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('示范门店');
    await page.waitFor(() => page.data.storeId === 'rw-store', 'the only store chosen');
    page.instance.onCodeChange({ detail: { value: code.toLowerCase() } });
    await page.tapText('确认核销');
    await page.waitForText('核销成功');
    expect(page.text()).toContain('有机豆浆（30 积分）');
    expect(page.text()).toContain('已核销');
    expect(emulator.db.readAll('audit_logs').filter((a) => a.action === 'member.verifyRedemption' && a.storeId === 'rw-store')).toHaveLength(1);

    page.instance.onCodeChange({ detail: { value: code } });
    await page.tapText('确认核销');
    await page.waitForText('兑换码已核销');

    page.instance.onCodeChange({ detail: { value: 'abc' } });
    await page.tapText('确认核销');
    await page.waitForText('兑换码是 10 位字母或数字');
  });
});
