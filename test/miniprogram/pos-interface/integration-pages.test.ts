/**
 * POS integration admin pages with real TDesign components, in local mode, against a live
 * emulator running the built pos-interface bundle with the demo data `npm start` seeds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFunctionEnv } from '../../../emulator/local-config';
import { createCollections, seedDemoData } from '../../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { mountPage, setTestUser, useEmulatorBridge, wxMock } from '../support/harness';

let emulator: TestEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pos-admin-pages-'));
  const functionEnv = localFunctionEnv(dataDir);
  // The POS simulator below is https with a self-signed certificate (test/pos-interface/fixtures):
  // the functions trust it and may reach loopback through configuration (the SSRF guard's allowlist).
  const outbound = {
    OUTBOUND_CA_PEM: readFileSync(join(__dirname, '..', '..', 'pos-interface', 'fixtures', 'localhost-cert.pem'), 'utf8'),
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
  };
  emulator = await startTestEmulator({ dataDir, functionEnv: { ...functionEnv, ...outbound } });
  createCollections(emulator.db);
  seedDemoData(emulator.db, dataDir, functionEnv);
});

afterAll(async () => {
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('收银系统接入 pages (live emulator)', () => {
  it('lists the demo integration and opens its detail on tap', async () => {
    setTestUser('demo-admin-openid');
    const page = await mountPage('admin/pages/pos-interface/integrations/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('示范收银系统');
    expect(page.text()).toContain('共 1 个接入');
    expect(page.text()).toContain('标准协议');
    expect(page.text()).toContain('启用中');
    expect(page.text()).toContain('未测试');
    // (the app shell may call getSession first)
    const request = wxMock()
      .callsOf('request')
      .find((r: { url: string }) => r.url.endsWith('/pos-interface'));
    expect(request).toMatchObject({ url: `${emulator.url}/functions/pos-interface`, data: { action: 'listIntegrations', page: 1 } });

    await page.tapText('示范收银系统');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length > 0, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([
      expect.objectContaining({ url: '/admin/pages/pos-interface/integration/index?integrationId=posint_demo' }),
    ]);
  });

  it('detail shows the API key and fingerprint, never the secret', async () => {
    setTestUser('demo-admin-openid');
    const page = await mountPage('admin/pages/pos-interface/integration/index', {
      query: { integrationId: 'posint_demo' },
      config: useEmulatorBridge(emulator.url),
    });
    await page.waitForText('pk_demo_rest123456');
    expect(page.text()).toContain('密钥指纹');
    expect(page.text()).toContain('无数据');
    expect(page.text()).not.toContain('sk_demo_');
    expect(JSON.stringify(page.data)).not.toContain('sk_demo_');
  });

  it('an empty filter shows the empty state; a diner is refused without a retry button', async () => {
    setTestUser('demo-admin-openid');
    const page = await mountPage('admin/pages/pos-interface/integrations/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('示范收银系统');
    await page.tapText('已停用');
    await page.waitForText('还没有收银系统接入');

    setTestUser('demo-diner-openid');
    const refused = await mountPage('admin/pages/pos-interface/integrations/index', { config: useEmulatorBridge(emulator.url) });
    await refused.waitForText('仅限员工使用');
    expect(refused.text()).not.toContain('重试');
  });

  it('creates an integration and shows its secret exactly once, with a copy button and a warning', async () => {
    setTestUser('demo-admin-openid');
    const page = await mountPage('admin/pages/pos-interface/create/index', { config: useEmulatorBridge(emulator.url) });
    await page.waitForText('气候餐厅（示范店）');
    // the secret is not in anything the form shows before it is created
    expect(page.text()).not.toContain('sk_');
    // a loopback address the SSRF guard lets through only by this emulator's configuration (a name
    // such as pos.example.com would have to resolve, and this machine has no DNS)
    page.instance.setData({ 'form.name': '前台收银二号', 'form.endpoint': 'https://127.0.0.1:8443/pos' });
    await page.tapText('创建并生成密钥');
    await page.waitForText('仅显示这一次');
    const secret = page.data.created.secret as string;
    expect(secret).toMatch(/^sk_[0-9a-f]{64}$/);
    expect(page.text()).toContain(secret);
    expect(page.text()).toContain('复制密钥');

    const copied: unknown[] = [];
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.setClipboardData = (options: { data: string; success?: () => void }) => {
      copied.push(options.data);
      options.success?.();
    };
    await page.tapText('复制密钥');
    expect(copied).toEqual([secret]);

    await page.tapText('我已保存');
    await page.waitFor(() => wxMock().callsOf('redirectTo').length > 0, 'redirectTo');
    expect(wxMock().callsOf('redirectTo')[0].url).toMatch(/^\/admin\/pages\/pos-interface\/integration\/index\?integrationId=posint_/);
    // gone from the page once acknowledged
    expect(JSON.stringify(page.data)).not.toContain(secret);
  });

  it('pushes the menu with a client-chosen pushId and shows the per-dish result', async () => {
    const fixtures = join(__dirname, '..', '..', 'pos-interface', 'fixtures');
    const received: { menuItems: { itemId: string }[] }[] = [];
    const pos = createServer(
      { key: readFileSync(join(fixtures, 'localhost-key.pem')), cert: readFileSync(join(fixtures, 'localhost-cert.pem')) },
      (req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString('utf8')));
        req.on('end', () => {
          const parsed = JSON.parse(body) as { menuItems: { itemId: string }[] };
          received.push(parsed);
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ code: 0, message: '同步成功', data: { failedItems: [{ itemId: 'menu_003', reason: '菜品分类不存在' }] } }));
        });
      },
    );
    await new Promise<void>((resolve) => pos.listen(0, '127.0.0.1', resolve));
    try {
      const created = await emulator.call<{ code: number; data: { integration: { _id: string } } }>(
        'pos-interface',
        {
          action: 'createIntegration',
          storeId: 'rest_123456',
          vendor: 'standard',
          name: '推送测试',
          endpoint: `https://127.0.0.1:${(pos.address() as AddressInfo).port}/pos`,
        },
        'demo-admin-openid',
      );
      expect(created.code).toBe(0);
      setTestUser('demo-admin-openid');
      const page = await mountPage('admin/pages/pos-interface/menu-push/index', {
        query: { integrationId: created.data.integration._id },
        config: useEmulatorBridge(emulator.url),
      });
      await page.tapText('开始推送');
      await page.waitForText('共 5 个菜品，成功 4，失败 1', 10000);
      expect(page.text()).toContain('推送部分成功');
      expect(page.text()).toContain('菜品分类不存在');
      expect(received).toHaveLength(1);
      expect(received[0].menuItems.map((m) => m.itemId)).toEqual(['menu_001', 'menu_002', 'menu_003', 'menu_004', 'menu_005']);
      const calls = wxMock()
        .callsOf('request')
        .filter((r: { url: string }) => r.url.endsWith('/pos-interface'));
      expect(calls[0].data).toMatchObject({ action: 'pushMenu', syncType: 'full', pushId: expect.stringMatching(/^push_/) });
    } finally {
      await new Promise<void>((resolve) => {
        pos.close(() => resolve());
        pos.closeAllConnections();
      });
    }
  });

  it('sync log list shows the push exchange and its detail; the dead-letter list is empty', async () => {
    setTestUser('demo-admin-openid');
    const logs = await mountPage('admin/pages/pos-interface/sync-logs/index', { config: useEmulatorBridge(emulator.url) });
    await logs.waitForText('菜单推送（平台→收银）');
    expect(logs.text()).toContain('部分成功');
    await logs.tapText('菜单推送（平台→收银）');
    await logs.waitForText('内容摘要（SHA-256）');
    expect(logs.text()).toContain('共 5，成功 4，失败 1');

    const letters = await mountPage('admin/pages/pos-interface/dead-letters/index', { config: useEmulatorBridge(emulator.url) });
    await letters.waitForText('没有死信');
  });
});
