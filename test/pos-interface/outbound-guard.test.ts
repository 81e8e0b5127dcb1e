/**
 * SSRF (issue #12 item 3): a store manager cannot point an integration at loopback, private,
 * link-local or metadata addresses, and testIntegrationConnection cannot be used as a port
 * scanner. The functions here only reach the two local ports their allowlist names.
 */
import { createServer } from 'node:net';
import { OUTBOUND_UNAVAILABLE_MESSAGE } from '../../cloudfunctions/shared/integration/outbound-guard';
import { STORE, replyJson, startPosAdminEnv, startReceiver, type PosAdminEnv } from './admin-support';

let env: PosAdminEnv;
let pos: Awaited<ReturnType<typeof startReceiver>>;
let closedPort: number;

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

beforeAll(async () => {
  pos = await startReceiver((req, res) => {
    if (req.url.startsWith('/moved')) {
      res.statusCode = 302;
      res.setHeader('location', `https://127.0.0.1:${closedPort}/pos/ping`);
      res.end();
      return;
    }
    replyJson(res, 200, { code: 0 });
  });
  closedPort = await unusedPort();
  const posPort = new URL(pos.url).port;
  env = await startPosAdminEnv({ allowHosts: `127.0.0.1:${posPort},127.0.0.1:${closedPort}` });
});

afterAll(async () => {
  await pos?.close();
  await env?.emulator.stop();
});

const REFUSED = [
  'https://127.0.0.1:1/',
  'https://10.0.0.1/',
  'https://169.254.169.254/',
  'https://[::1]/',
  'https://[::ffff:127.0.0.1]/',
  'https://localhost/',
  'https://[fd00:ec2::254]/',
  'https://100.64.0.1/',
];
const integrationCount = async () => (await env.db.collection('pos_integrations').count()).total;

describe('outbound URLs are checked after DNS resolution', () => {
  it.each(REFUSED)('createIntegration refuses %s (endpoint and webhookUrl) with the one message, writing nothing', async (url) => {
    const before = await integrationCount();
    for (const field of ['endpoint', 'webhookUrl']) {
      const reply = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: '探测', [field]: url });
      expect(reply).toMatchObject({ code: 40001, message: `参数校验失败: ${field} ${OUTBOUND_UNAVAILABLE_MESSAGE}`, details: { field } });
    }
    expect(await integrationCount()).toBe(before);
  });

  it('updateIntegration refuses the same targets and keeps the stored endpoint', async () => {
    const created = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: '可达', endpoint: `${pos.url}/pos` });
    expect(created.code).toBe(0);
    const id = created.data.integration._id as string;
    for (const url of REFUSED) {
      const reply = await env.call('updateIntegration', { integrationId: id, endpoint: url, webhookUrl: `${pos.url}/hooks` });
      expect(reply).toMatchObject({ code: 40001, message: `参数校验失败: endpoint ${OUTBOUND_UNAVAILABLE_MESSAGE}` });
      const hook = await env.call('updateIntegration', { integrationId: id, webhookUrl: url });
      expect(hook).toMatchObject({ code: 40001, details: { field: 'webhookUrl' } });
    }
    const stored = (await env.db.collection('pos_integrations').doc(id).get()).data as { endpoint: string; webhookUrl: string };
    expect(stored).toMatchObject({ endpoint: `${pos.url}/pos`, webhookUrl: '' });
  });
});

describe('testIntegrationConnection is not a port scanner', () => {
  it('answers a closed (allowed) port, a refused target and a refused redirect hop alike: one message, no timing', async () => {
    const created = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: '扫描', endpoint: `${pos.url}/pos` });
    const id = created.data.integration._id as string;
    const reachable = await env.call('testIntegrationConnection', { integrationId: id });
    expect(reachable.data).toMatchObject({ ok: true, httpStatus: 200 });

    const replies = [];
    // DNS or data can change after validation: the sender checks again, so write targets behind its back.
    // Every refused target here is on this machine (loopback, 0.0.0.0): even a sender that failed to
    // refuse them would send nothing off the machine. `localhost` at the live receiver's port is not
    // on the allowlist (only 127.0.0.1:<port> is), so a sender that skipped the check would get 200.
    const posPort = new URL(pos.url).port;
    for (const endpoint of [
      `https://127.0.0.1:${closedPort}/pos`,
      `https://localhost:${posPort}/pos`,
      `https://0.0.0.0:${posPort}/pos`,
      'https://127.0.0.1:1/pos',
      `https://[::ffff:7f00:1]:${posPort}/pos`,
    ]) {
      await env.db.collection('pos_integrations').doc(id).update({ data: { endpoint } });
      const { testedAt: _t, ...reply } = (await env.call('testIntegrationConnection', { integrationId: id })).data;
      replies.push(reply);
    }
    for (const reply of replies) expect(reply).toEqual({ ok: false, httpStatus: 0, latencyMs: 0, error: OUTBOUND_UNAVAILABLE_MESSAGE, reply: '' });

    const logs = await env.call('listSyncLogs', { integrationId: id, kind: 'test-connection', pageSize: 10 });
    for (const log of logs.data.items.slice(0, 5)) expect(log).toMatchObject({ durationMs: 0, error: { message: OUTBOUND_UNAVAILABLE_MESSAGE } });
    expect(JSON.stringify(logs.data)).not.toMatch(/ECONNREFUSED|ECONNRESET|timeout|loopback/);
  });

  it('does not follow a redirect', async () => {
    const created = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: '重定向', endpoint: `${pos.url}/moved` });
    const before = pos.requests.length;
    const reply = await env.call('testIntegrationConnection', { integrationId: created.data.integration._id });
    expect(reply.data).toMatchObject({ ok: false, httpStatus: 302 });
    expect(pos.requests.length).toBe(before + 1);
  });
});
