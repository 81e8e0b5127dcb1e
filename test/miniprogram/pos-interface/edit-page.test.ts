/**
 * 编辑收银接入 (admin/pages/pos-interface/edit) against a live emulator with the demo data: staff
 * change the endpoint, webhook URL, IP whitelist and rate limit of an existing integration; only
 * changed fields are sent (updateIntegration). The list and detail name the store, not its id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFunctionEnv } from '../../../emulator/local-config';
import { createCollections, seedDemoData } from '../../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { mountPage, setTestUser, StubFailure, stubFunctions, useEmulatorBridge, wxMock } from '../support/harness';
import { managerSession } from '../support/sessions';

let emulator: TestEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pos-edit-page-'));
  // The receiver address must pass the outbound guard: an allow-listed local address, as in integration-pages.test.ts.
  const functionEnv = { ...localFunctionEnv(dataDir), OUTBOUND_ALLOW_HOSTS: '127.0.0.1' };
  emulator = await startTestEmulator({ dataDir, functionEnv });
  createCollections(emulator.db);
  seedDemoData(emulator.db, dataDir, functionEnv);
});

afterAll(async () => {
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sentToPos = () =>
  wxMock()
    .callsOf('request')
    .filter((r: { url: string }) => r.url.endsWith('/pos-interface'))
    .map((r: { data: Record<string, unknown> }) => r.data);

describe('编辑收银接入 (live emulator)', () => {
  it('the list names the store, not rest_123456', async () => {
    setTestUser('demo-admin-openid');
    const page = await mountPage('admin/pages/pos-interface/integrations/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('示范收银系统');
    expect(page.text()).toContain('气候餐厅（示范店）');
    expect(page.text()).not.toContain('rest_123456');
  });

  it('saves the webhook URL, IP whitelist and rate limit, sending only what changed', async () => {
    setTestUser('demo-admin-openid');
    const page = await mountPage('admin/pages/pos-interface/edit/index', { query: { integrationId: 'posint_demo' }, config: useEmulatorBridge(emulator.url) });
    await page.waitForText('保存');
    await page.waitFor(() => page.data.status === 'ready', 'the form');
    const field = (name: string, value: string) => page.instance.onField({ detail: { value }, currentTarget: { dataset: { field: name } } });
    field('webhookUrl', 'https://127.0.0.1:8443/hooks');
    field('ipWhitelist', '203.0.113.10\n203.0.113.0/24');
    field('rateLimitPerMinute', '120');
    await page.tapText('保存');
    await page.waitForText('已保存');
    const update = sentToPos().find((d: Record<string, unknown>) => d.action === 'updateIntegration');
    expect(update).toEqual({
      action: 'updateIntegration',
      integrationId: 'posint_demo',
      webhookUrl: 'https://127.0.0.1:8443/hooks',
      ipWhitelist: ['203.0.113.10', '203.0.113.0/24'],
      rateLimitPerMinute: 120,
    });
    const stored = emulator.db.readAll('pos_integrations').find((d) => d._id === 'posint_demo');
    expect(stored).toMatchObject({ webhookUrl: 'https://127.0.0.1:8443/hooks', ipWhitelist: ['203.0.113.10', '203.0.113.0/24'], rateLimitPerMinute: 120 });
    await page.waitFor(() => wxMock().callsOf('navigateBack').length === 1, 'back to the detail', 5000);

    const detail = await mountPage('admin/pages/pos-interface/integration/index', {
      query: { integrationId: 'posint_demo' },
      config: useEmulatorBridge(emulator.url),
    });
    await detail.waitForText('120 次/分钟');
    expect(detail.text()).toContain('https://127.0.0.1:8443/hooks');
    expect(detail.text()).toContain('气候餐厅（示范店）');
  });
});

describe('编辑收银接入 (stubbed)', () => {
  const integration = {
    _id: 'posint_1',
    name: '前台收银',
    vendor: 'standard',
    storeId: 's1',
    restaurantId: 'r1',
    apiKey: 'pk_1',
    secretFingerprint: 'ab12',
    previousSecrets: [],
    endpoint: '',
    webhookUrl: '',
    events: [],
    ipWhitelist: [],
    rateLimitPerMinute: 100,
    status: 'active',
    vendorConfig: {},
    createdAt: '2026-11-22T02:00:00Z',
    updatedAt: '2026-11-22T02:00:00Z',
  };

  it('checks the rate limit itself, says 没有修改 when nothing changed, and shows a server refusal at its field', async () => {
    const updateIntegration = jest.fn(() => new StubFailure(40001, 'IP 白名单第 1 项不是合法的 IP 或网段', { field: 'ipWhitelist.0' }));
    stubFunctions({ member: { getSession: () => managerSession }, 'pos-interface': { getIntegration: () => integration, updateIntegration } });
    const page = await mountPage('admin/pages/pos-interface/edit/index', { query: { integrationId: 'posint_1' } });
    await page.waitFor(() => page.data.status === 'ready', 'the form');
    await page.tapText('保存');
    await page.waitForText('没有修改');
    const field = (name: string, value: string) => page.instance.onField({ detail: { value }, currentTarget: { dataset: { field: name } } });
    field('rateLimitPerMinute', '0');
    await page.tapText('保存');
    await page.waitForText('频率限制为 1–10000 的整数（次/分钟）');
    field('rateLimitPerMinute', '100');
    field('ipWhitelist', 'not-an-ip');
    await page.tapText('保存');
    await page.waitForText('IP 白名单第 1 项不是合法的 IP 或网段');
    expect(page.data.fieldError).toBe('ipWhitelist');
    expect(updateIntegration).toHaveBeenCalledWith({ integrationId: 'posint_1', ipWhitelist: ['not-an-ip'] }, expect.anything());
  });
});
