/**
 * Acceptance of the cabinet pages against the real emulator, configured and seeded as `npm start`
 * does (the cabinet vendor simulator on its https port, the Pay Score sandbox, demo data): the
 * demo diner buys from XM-DEMO-0001 with Pay Score (authorizing it first) and then with gift
 * tickets, clicking through 扫码开门 → 购物中 → 结算结果 in local mode; the door is closed through the
 * simulator's control route as the README walk does with the CLI. Then the staff device page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFunctionEnv } from '../../../emulator/local-config';
import { DEMO } from '../../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../../emulator/seed/seed';
import { cabinetSimulatorFor } from '../../../emulator/simulators/cabinet-vendor';
import { SIMULATORS, simulatorFunctionEnv } from '../../../emulator/simulators/registry';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { mountPage, setTestUser, useEmulatorBridge, wxMock, type ConfigOverrides } from '../support/harness';

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

function target(url: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.split('?');
  return { route: path.replace(/^\//, ''), query: Object.fromEntries(new URLSearchParams(search)) };
}

/** What `npm run emulator -- cabinet close --device XM-DEMO-0001` sends. */
async function closeDoor(): Promise<void> {
  const res = await fetch(`${emulator.url}/_emulator/cabinet/close`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ device: DEMO.deviceCode }),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cabinet-live-'));
  const port = await freePort();
  const functionEnv = { ...localFunctionEnv(dataDir), ...simulatorFunctionEnv(dataDir, `http://127.0.0.1:${port}`), LOG_LEVEL: 'warn' };
  emulator = await startTestEmulator({ dataDir, port, functionEnv, timers: true });
  createCollections(emulator.db);
  seedDemoData(emulator.db, dataDir, functionEnv);
  // as emulator/cli.ts does: the simulators come up with the emulator (the cabinet one starts listening)
  for (const simulator of SIMULATORS) simulator.instance?.(emulator);
}, 60_000);

afterAll(async () => {
  // let the simulated vendor finish its pushes before the emulator goes away
  if (emulator) await cabinetSimulatorFor(emulator).idle();
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** 扫码开门 from the device's scene, paid by `method`, through 购物中 to 结算结果; returns the result page's text. */
async function buy(method: 'payscore' | 'tickets'): Promise<{ text: string; orderId: string }> {
  config = useEmulatorBridge(emulator.url);
  const open = await mountPage('cabinet/pages/open/index', { query: { scene: encodeURIComponent(`d=${DEMO.deviceCode}`) }, config });
  await open.waitForText('选择支付方式', 20_000);
  if (method === 'payscore' && !open.data.payScoreAuthorized) {
    expect(open.text()).toContain('开通微信支付分');
    await open.instance.onAuthorizePayScore();
    await open.waitFor(() => open.data.payScoreAuthorized === true, 'Pay Score authorized', 20_000);
  }
  open.instance.onMethodChange({ detail: { value: method } });
  await open.waitFor(() => open.data.canOpen === true, `${method} usable`);
  // the button (the Pay Score notice's text also says 开门)
  await open.instance.onOpenDoor();
  await open.waitFor(() => wxMock().callsOf('redirectTo').length > 0, 'redirect to 购物中', 20_000);
  const toShopping = target(wxMock().callsOf('redirectTo').at(-1).url);
  expect(toShopping.route).toBe('cabinet/pages/shopping/index');

  const shopping = await mountPage(toShopping.route, { query: toShopping.query, config });
  await shopping.waitForText('柜门已打开', 20_000);
  expect(shopping.text()).toContain('取完商品请关门');
  await closeDoor();
  await shopping.waitForText('支付成功', 30_000);

  const result = await mountPage('cabinet/pages/result/index', { query: toShopping.query, config });
  await result.waitForText('商品明细', 20_000);
  return { text: result.text(), orderId: result.data.orderId as string };
}

describe('a new diner buys from XM-DEMO-0001 (local mode, live emulator)', () => {
  beforeEach(() => setTestUser(DEMO.dinerOpenid));

  it('with Pay Score (authorized once, no confirmation per purchase)', async () => {
    const { text } = await buy('payscore');
    expect(text).toContain('支付成功');
    expect(text).toMatch(/微信支付分 ¥\d/);
    expect(text).toContain('可乐 330ml');
    expect(text).toContain('合计');
  }, 120_000);

  it('with gift tickets', async () => {
    const { text, orderId } = await buy('tickets');
    expect(text).toContain('支付成功');
    // ¥3.50 × 500 tickets per yuan
    expect(text).toContain('礼票 1,750 张（¥3.50）');
    // the same order in 订单详情: items, the device and the ticket part
    const detail = await mountPage('pages/ordering/detail/index', { query: { orderId }, config });
    await detail.waitForText('可乐 330ml', 20_000);
    for (const shown of ['智能柜', DEMO.deviceCode, '礼票抵扣', '¥3.50（1,750 张）', '已支付']) expect(detail.text()).toContain(shown);
  }, 120_000);
});

describe('设备详情 (staff, live emulator)', () => {
  it('shows the demo device with its 小程序码 image', async () => {
    setTestUser(DEMO.adminOpenid);
    config = useEmulatorBridge(emulator.url);
    const page = await mountPage('admin/pages/cabinet/device/index', { query: { deviceCode: DEMO.deviceCode }, config });
    await page.waitForText(DEMO.deviceCode, 20_000);
    expect(page.text()).toContain('最近心跳');
    await page.waitFor(() => String(page.data.qrSrc).startsWith('data:image/png;base64,iVBOR'), 'the PNG', 20_000);
  }, 60_000);
});
