/**
 * Acceptance for the `npm start` demo, clicked through like a diner would in local mode: the
 * emulator is configured and seeded exactly as the CLI does (demo data, the payment function's
 * WeChat Pay simulator settings), real pages with real TDesign components call it over the bridge
 * as `demo-diner-openid`:
 *   订单 → tap the demo order → 订单详情 → 去支付 → 微信支付 (simulator) → 支付结果 → 我的 → 会员中心.
 * Each step mounts the page the previous one navigated to, with the query it navigated with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFunctionEnv } from '../../emulator/local-config';
import { DEMO } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { simulatorFunctionEnv } from '../../emulator/simulators/registry';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { mountPage, setTestUser, useEmulatorBridge, wxMock, type ConfigOverrides } from './support/harness';

const DEMO_ORDER = 'order_demo_pay_001';

let emulator: TestEmulator;
let dataDir: string;
let config: ConfigOverrides;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The page a navigateTo / redirectTo went to, as mountPage wants it. */
function target(url: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.split('?');
  return { route: path.replace(/^\//, ''), query: Object.fromEntries(new URLSearchParams(search)) };
}

const lastCall = (api: string) => wxMock().callsOf(api).at(-1) as { url: string };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'demo-path-'));
  const port = await freePort();
  // what `npm start` (emulator/cli.ts) gives the functions
  const functionEnv = { ...localFunctionEnv(dataDir), ...simulatorFunctionEnv(dataDir, `http://127.0.0.1:${port}`), LOG_LEVEL: 'warn' };
  emulator = await startTestEmulator({ dataDir, port, functionEnv });
  createCollections(emulator.db);
  seedDemoData(emulator.db, dataDir, functionEnv);
});

afterAll(async () => {
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  setTestUser(DEMO.dinerOpenid); // 开发设置 → 示范顾客
  config = useEmulatorBridge(emulator.url);
});

describe('the npm start demo, as the demo diner in local mode', () => {
  it('订单 lists the demo order; a tap opens its detail; 去支付 opens checkout', async () => {
    const orders = await mountPage('pages/ordering/list/index', { config });
    await orders.waitForText('气候餐厅-示范订单');
    expect(orders.text()).toContain(DEMO.storeName);
    expect(orders.text()).toContain('待支付');
    expect(orders.text()).toContain('¥69.00');
    expect(wxMock().callsOf('request')).toContainEqual(
      expect.objectContaining({ url: `${emulator.url}/functions/ordering`, data: { action: 'listMyOrders', page: 1, pageSize: 20 } }),
    );

    await orders.tapText('气候餐厅-示范订单');
    await orders.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo detail');
    expect(lastCall('navigateTo').url).toBe(`/pages/ordering/detail/index?orderId=${DEMO_ORDER}`);

    const { route, query } = target(lastCall('navigateTo').url);
    const detail = await mountPage(route, { query, config });
    await detail.waitForText('素麻婆豆腐');
    // the diner reads a readable order number (utils/format orderNumber), never the internal id
    for (const shown of ['番茄炒蛋', '米饭', '¥69.00', '待支付', '未支付', '订单号MOPAY001']) expect(detail.text()).toContain(shown);
    expect(detail.text()).not.toContain(DEMO_ORDER);
    await detail.tapText('去支付');
    await detail.waitFor(() => wxMock().callsOf('navigateTo').length === 2, 'navigateTo checkout');
    expect(lastCall('navigateTo').url).toBe(`/pages/payment/checkout/index?orderId=${DEMO_ORDER}`);
  });

  it('我的 → 会员中心 opens the member center page', async () => {
    const mine = await mountPage('pages/mine/index/index', { config });
    await mine.waitForText('会员中心');
    await mine.tapText('会员中心');
    await mine.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo member center');
    expect(lastCall('navigateTo').url).toBe('/pages/member/center/index');
    expect(mine.text()).not.toContain('即将上线');

    const center = await mountPage(target(lastCall('navigateTo').url).route, { config });
    await center.waitForText('可用积分');
    expect(center.text()).toContain('0可用积分');
  });

  it('pays the demo order through the WeChat Pay simulator; the points arrive on 会员中心 and 订单 shows 已支付', async () => {
    const checkout = await mountPage('pages/payment/checkout/index', { query: { orderId: DEMO_ORDER }, config });
    await checkout.waitForText('确认支付 ¥69.00');
    expect(checkout.text()).toContain('微信支付');
    await checkout.tapText('确认支付 ¥69.00');
    await checkout.waitFor(() => wxMock().callsOf('redirectTo').length === 1, 'redirect to the result page');
    expect(
      wxMock()
        .callsOf('request')
        .map((r) => r.url),
    ).toContain(`${emulator.url}/_emulator/wxpay/pay`);

    const result = await mountPage(target(lastCall('redirectTo').url).route, { query: target(lastCall('redirectTo').url).query, config });
    await result.waitForText('支付成功');
    expect(result.text()).toContain('本单获得 69 积分');

    const mine = await mountPage('pages/mine/index/index', { config });
    await mine.waitForText('会员中心');
    await mine.tapText('会员中心');
    await mine.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo member center');
    const center = await mountPage(target(lastCall('navigateTo').url).route, { config });
    await center.waitForText('69可用积分');
    expect(center.text()).toContain('累计积分 69');
    await center.tapText('积分明细');
    await center.waitFor(() => wxMock().callsOf('navigateTo').length === 2, 'navigateTo points log');
    const log = await mountPage(target(lastCall('navigateTo').url).route, { config });
    // the diner reads the store and the readable order number, not the internal id (issue 12 item 16)
    await log.waitForText('气候餐厅（示范店） · 订单 MOPAY001 支付');
    expect(log.text()).not.toContain(DEMO_ORDER);
    expect(log.text()).toContain('+69');

    const orders = await mountPage('pages/ordering/list/index', { config });
    await orders.waitForText('已支付');
    expect(orders.text()).toContain('¥69.00');
    expect(orders.text()).not.toContain('去支付');
  });
});
