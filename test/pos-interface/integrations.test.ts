import { createHash } from 'node:crypto';
import { open } from '../../cloudfunctions/shared/domain/secret-box';
import { randomBytes } from 'node:crypto';
import { signRequest, verifySignature } from '../../cloudfunctions/shared/integration/signature';
import { ADMIN, DINER, MANAGER, OTHER_MANAGER, OTHER_STORE, STORE, replyJson, startPosAdminEnv, startReceiver, type PosAdminEnv } from './admin-support';

let env: PosAdminEnv;
let pos: Awaited<ReturnType<typeof startReceiver>>;
/** secrets the POS simulator accepts, by API key (set after each create/rotate) */
const posSecrets = new Map<string, string>();

beforeAll(async () => {
  env = await startPosAdminEnv();
  pos = await startReceiver((req, res) => {
    const apiKey = String(req.headers['x-api-key'] ?? '');
    const secret = posSecrets.get(apiKey);
    const ok =
      !!secret &&
      verifySignature(
        { method: req.method, pathWithQuery: req.url, timestamp: String(req.headers['x-timestamp']), nonce: String(req.headers['x-nonce']), rawBody: req.body },
        secret,
        String(req.headers['x-signature']),
      );
    // A POS under /chatty echoes its shop's contact phone in the reply, as some do.
    const contact = req.url.startsWith('/chatty') ? { contact: '店长 13800138000，备用 13912345678' } : {};
    replyJson(res, ok ? 200 : 401, ok ? { code: 0, message: 'pong', ...contact } : { code: 401, message: 'bad signature', ...contact });
  });
});

afterAll(async () => {
  await pos?.close();
  await env?.emulator.stop();
});

const rawIntegration = async (id: string) => (await env.db.collection('pos_integrations').doc(id).get()).data as Record<string, any>;
const auditsFor = async (id: string) => (await env.db.collection('audit_logs').where({ 'target.id': id }).get()).data as Record<string, any>[];

/** GET /v1/pos/ping through the HTTP access gateway, signed as a POS would sign it. */
async function signedPing(apiKey: string, secret: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = signRequest({ method: 'GET', pathWithQuery: '/v1/pos/ping', timestamp, nonce, rawBody: '' }, secret);
  return env.emulator.http('GET', '/v1/pos/ping', { headers: { 'X-API-Key': apiKey, 'X-Timestamp': timestamp, 'X-Nonce': nonce, 'X-Signature': signature } });
}

async function createOne(overrides: Record<string, unknown> = {}, openid = ADMIN) {
  const reply = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: '测试收银', endpoint: `${pos.url}/pos`, ...overrides }, openid);
  expect(reply.code).toBe(0);
  return reply.data as { integration: Record<string, any>; apiKey: string; secret: string; secretNotice: string };
}

describe('pos integrations: create, read, secrets', () => {
  it('shows the secret once, stores it sealed, and never returns it again', async () => {
    const created = await createOne();
    expect(created.secret).toMatch(/^sk_[0-9a-f]{64}$/);
    expect(created.apiKey).toMatch(/^pk_[0-9a-f]{32}$/);
    expect(created.secretNotice).toContain('仅显示');
    const id = created.integration._id as string;

    const raw = await rawIntegration(id);
    expect(JSON.stringify(raw)).not.toContain(created.secret);
    expect(JSON.stringify(raw)).not.toContain(created.secret.slice(3));
    expect(raw.secret).toMatchObject({ alg: 'A256GCM', kid: 'test' });
    // sealed under the configured master key, bound to the API key
    const master = { id: 'test', key: Buffer.from(env.masterKey, 'base64') };
    expect(open(raw.secret, master, created.apiKey)).toBe(created.secret);
    expect(() => open(raw.secret, master, 'pk_other')).toThrow();
    expect(raw.secretFingerprint).toBe(createHash('sha256').update(created.secret).digest('hex').slice(0, 12));

    const got = await env.call('getIntegration', { integrationId: id });
    expect(got.code).toBe(0);
    expect(got.data).not.toHaveProperty('secret');
    expect(JSON.stringify(got)).not.toContain(created.secret);
    expect(JSON.stringify(got)).not.toContain(raw.secret.ciphertext);
    expect(got.data).toMatchObject({ _id: id, apiKey: created.apiKey, secretFingerprint: raw.secretFingerprint, status: 'active', rateLimitPerMinute: 100 });

    const listed = await env.call('listIntegrations', { storeId: STORE });
    expect(listed.data.items.map((i: { _id: string }) => i._id)).toContain(id);
    expect(JSON.stringify(listed)).not.toContain(raw.secret.ciphertext);

    const audits = await auditsFor(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'pos.integration.create', actor: { openid: ADMIN, role: 'admin' }, target: { type: 'pos_integration', id } });
    expect(JSON.stringify(audits)).not.toContain(created.secret);
  });

  it('refuses non-staff callers and managers of other stores', async () => {
    const asDiner = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: 'x' }, DINER);
    expect(asDiner.code).toBe(40301);
    const listAsDiner = await env.call('listIntegrations', {}, DINER);
    expect(listAsDiner.code).toBe(40301);
    const createForOtherStore = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: 'x' }, OTHER_MANAGER);
    expect(createForOtherStore.code).toBe(40301);

    const created = await createOne({}, MANAGER);
    const peek = await env.call('getIntegration', { integrationId: created.integration._id }, OTHER_MANAGER);
    expect(peek.code).toBe(40402);
    const otherList = await env.call('listIntegrations', {}, OTHER_MANAGER);
    expect(otherList.data.items.every((i: { storeId: string }) => i.storeId === OTHER_STORE)).toBe(true);
    const deleteAsManager = await env.call('deleteIntegration', { integrationId: created.integration._id, confirmName: '测试收银' }, MANAGER);
    expect(deleteAsManager.code).toBe(40301);
  });

  it('rejects invalid input with the field path and writes nothing', async () => {
    const before = (await env.db.collection('pos_integrations').count()).total;
    const badUrl = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: '坏地址', webhookUrl: 'ftp://x' });
    expect(badUrl).toMatchObject({ code: 40001, details: { field: 'webhookUrl' } });
    const badVendor = await env.call('createIntegration', { storeId: STORE, vendor: 'unknown', name: 'x' });
    expect(badVendor).toMatchObject({ code: 40001, details: { field: 'vendor' } });
    const badIp = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: 'x', ipWhitelist: ['10.0.0.1', 'not-an-ip'] });
    expect(badIp).toMatchObject({ code: 40001, details: { field: 'ipWhitelist.1' } });
    const badEvent = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: 'x', events: ['order.created'] });
    expect(badEvent).toMatchObject({ code: 40001, details: { field: 'events.0' } });
    const extra = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: 'x', secret: 'mine' });
    expect(extra.code).toBe(40001);
    expect((await env.db.collection('pos_integrations').count()).total).toBe(before);
    expect((await env.call('updateIntegration', { integrationId: 'nope' })).code).toBe(40001);
  });

  it('updates settings, replaces vendorConfig, enables and disables, each audited', async () => {
    const created = await createOne({ vendor: 'keruyun', vendorConfig: { appKey: 'k1', shopIdenty: '810', token: 'tok-secret' } });
    const id = created.integration._id as string;
    expect(created.integration.vendorConfig).toEqual({ appKey: 'k1', shopIdenty: '810', token: '******' });

    const updated = await env.call('updateIntegration', {
      integrationId: id,
      name: '客如云一号',
      rateLimitPerMinute: 300,
      ipWhitelist: ['10.1.0.0/16'],
      vendorConfig: { appKey: 'k2' },
    });
    expect(updated.code).toBe(0);
    const raw = await rawIntegration(id);
    expect(raw).toMatchObject({ name: '客如云一号', rateLimitPerMinute: 300, ipWhitelist: ['10.1.0.0/16'], vendorConfig: { appKey: 'k2' } });
    expect(raw.vendorConfig).not.toHaveProperty('shopIdenty');

    expect((await env.call('disableIntegration', { integrationId: id })).data.status).toBe('disabled');
    expect((await rawIntegration(id)).status).toBe('disabled');
    expect((await env.call('enableIntegration', { integrationId: id })).data.status).toBe('active');
    const actions = (await auditsFor(id)).map((a) => a.action).sort();
    expect(actions).toEqual(['pos.integration.create', 'pos.integration.disable', 'pos.integration.enable', 'pos.integration.update']);
    expect(JSON.stringify(await auditsFor(id))).not.toContain('tok-secret');

    const found = await env.call('listIntegrations', { keyword: '客如云' });
    expect(found.data.items.map((i: { _id: string }) => i._id)).toEqual([id]);

    // the vendor's signing secret is write-only and sealed under its own AAD
    await env.call('updateIntegration', { integrationId: id, vendorSecret: 'kry-token-123456' });
    const sealed = await rawIntegration(id);
    expect(JSON.stringify(sealed)).not.toContain('kry-token-123456');
    const master = { id: 'test', key: Buffer.from(env.masterKey, 'base64') };
    expect(open(sealed.vendorSecret, master, `${created.apiKey}:vendor`)).toBe('kry-token-123456');
    const shown = await env.call('getIntegration', { integrationId: id });
    expect(shown.data).not.toHaveProperty('vendorSecret');
    expect(shown.data.vendorSecretFingerprint).toBe(createHash('sha256').update('kry-token-123456').digest('hex').slice(0, 12));
  });

  it('rotates the secret: new one shown once, old one kept sealed for the grace period', async () => {
    const created = await createOne();
    const id = created.integration._id as string;
    const rotated = await env.call('rotateIntegrationSecret', { integrationId: id, graceHours: 2 });
    expect(rotated.code).toBe(0);
    expect(rotated.data.secret).toMatch(/^sk_[0-9a-f]{64}$/);
    expect(rotated.data.secret).not.toBe(created.secret);
    const raw = await rawIntegration(id);
    const master = { id: 'test', key: Buffer.from(env.masterKey, 'base64') };
    expect(open(raw.secret, master, created.apiKey)).toBe(rotated.data.secret);
    expect(raw.previousSecrets).toHaveLength(1);
    expect(open(raw.previousSecrets[0].secret, master, created.apiKey)).toBe(created.secret);
    const graceMs = new Date(raw.previousSecrets[0].expiresAt).getTime() - Date.now();
    expect(graceMs).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect(graceMs).toBeLessThanOrEqual(2 * 3_600_000);
    expect(JSON.stringify(raw)).not.toContain(rotated.data.secret);

    const got = await env.call('getIntegration', { integrationId: id });
    expect(JSON.stringify(got)).not.toContain(rotated.data.secret);
    expect(got.data.previousSecrets).toEqual([{ fingerprint: created.integration.secretFingerprint, expiresAt: expect.any(String) }]);
    expect((await auditsFor(id)).map((a) => a.action)).toContain('pos.integration.rotate-secret');

    // Both secrets authenticate inbound calls during the grace period.
    expect((await signedPing(created.apiKey, rotated.data.secret)).status).toBe(200);
    expect((await signedPing(created.apiKey, created.secret)).status).toBe(200);
  });

  it('stops accepting the old secret once its grace period is over', async () => {
    const created = await createOne();
    const id = created.integration._id as string;
    const rotated = await env.call('rotateIntegrationSecret', { integrationId: id, graceHours: 24 });
    // Jump past the grace period by moving its end into the past (the function's clock is real).
    const raw = await rawIntegration(id);
    await env.db
      .collection('pos_integrations')
      .doc(id)
      .update({ data: { previousSecrets: [{ ...raw.previousSecrets[0], expiresAt: new Date(Date.now() - 1000) }] } });
    const stale = await signedPing(created.apiKey, created.secret);
    expect(stale.status).toBe(401);
    expect(stale.json.code).toBe(40114);
    expect((await signedPing(created.apiKey, rotated.data.secret)).status).toBe(200);

    // graceHours 0: the old secret stops at once.
    const again = await env.call('rotateIntegrationSecret', { integrationId: id, graceHours: 0 });
    expect((await rawIntegration(id)).previousSecrets).toEqual([]);
    expect(again.data.previousSecretExpiresAt).toBeNull();
  });

  it('graceHours 0 is an emergency revoke: every previous secret, including ones still in their grace period, stops at once', async () => {
    const created = await createOne();
    const id = created.integration._id as string;
    // no inbound call before the rotations, so no instance holds this key in its 5 s cache
    const first = await env.call('rotateIntegrationSecret', { integrationId: id, graceHours: 24 });
    expect((await rawIntegration(id)).previousSecrets).toHaveLength(1);
    const revoke = await env.call('rotateIntegrationSecret', { integrationId: id, graceHours: 0 });
    expect(revoke.code).toBe(0);
    expect(revoke.data.previousSecretExpiresAt).toBeNull();
    expect((await rawIntegration(id)).previousSecrets).toEqual([]);
    expect((await signedPing(created.apiKey, created.secret)).json.code).toBe(40114);
    expect((await signedPing(created.apiKey, first.data.secret)).json.code).toBe(40114);
    expect((await signedPing(created.apiKey, revoke.data.secret)).status).toBe(200);
    const rotations = (await auditsFor(id)).filter((a) => a.action === 'pos.integration.rotate-secret');
    expect(rotations.filter((a) => a.summary.includes('所有旧密钥立即失效'))).toHaveLength(1);
  });

  it('tests the connection with a signed ping the POS verifies, and records the result', async () => {
    const created = await createOne();
    const id = created.integration._id as string;
    posSecrets.set(created.apiKey, created.secret);
    const ok = await env.call('testIntegrationConnection', { integrationId: id });
    expect(ok.data).toMatchObject({ ok: true, httpStatus: 200 });
    expect(typeof ok.data.latencyMs).toBe('number');
    const ping = pos.requests.at(-1)!;
    expect([ping.method, ping.url]).toEqual(['GET', '/pos/ping']);
    expect(ping.headers['x-api-key']).toBe(created.apiKey);
    expect(await rawIntegration(id)).toMatchObject({ lastTestOk: true, lastTestLatencyMs: ok.data.latencyMs });

    // After a rotation the POS still holding the old secret refuses our new signatures.
    await env.call('rotateIntegrationSecret', { integrationId: id });
    const failed = await env.call('testIntegrationConnection', { integrationId: id });
    expect(failed.data).toMatchObject({ ok: false, httpStatus: 401, error: 'HTTP 401' });
    expect(await rawIntegration(id)).toMatchObject({ lastTestOk: false, lastTestError: 'HTTP 401' });

    const logs = await env.call('listSyncLogs', { integrationId: id, kind: 'test-connection' });
    expect(logs.data.total).toBe(2);
    expect(logs.data.items.map((l: { status: string }) => l.status)).toEqual(['failed', 'success']);
    expect(logs.data.items[0]).toMatchObject({ direction: 'outbound', error: { code: 401 } });
  });

  it('shows staff the start of the POS reply with phone numbers masked (success and failure)', async () => {
    const created = await createOne({ name: '回显手机号', endpoint: `${pos.url}/chatty` });
    const id = created.integration._id as string;
    posSecrets.set(created.apiKey, created.secret);
    const ok = await env.call('testIntegrationConnection', { integrationId: id });
    expect(ok.data).toMatchObject({ ok: true, httpStatus: 200 });
    expect(ok.data.reply).toContain('138****8000');
    expect(ok.data.reply).toContain('139****5678');
    expect(ok.data.reply).not.toMatch(/1[3-9]\d{9}/);

    posSecrets.delete(created.apiKey);
    const failed = await env.call('testIntegrationConnection', { integrationId: id });
    expect(failed.data).toMatchObject({ ok: false, httpStatus: 401 });
    expect(failed.data.reply).toContain('138****8000');
    expect(JSON.stringify(failed.data)).not.toMatch(/1[3-9]\d{9}/);
  });

  it('deletes after the name is confirmed; the audit keeps a secret-free snapshot', async () => {
    const created = await createOne({ name: '待删除' });
    const id = created.integration._id as string;
    expect(await env.call('deleteIntegration', { integrationId: id, confirmName: '别的' })).toMatchObject({ code: 40001, details: { field: 'confirmName' } });
    expect((await env.call('deleteIntegration', { integrationId: id, confirmName: '待删除' })).data).toEqual({ deleted: true, integrationId: id });
    expect((await env.call('getIntegration', { integrationId: id })).code).toBe(40402);
    const deletion = (await auditsFor(id)).find((a) => a.action === 'pos.integration.delete')!;
    expect(deletion.changes.snapshot).toMatchObject({ _id: id, name: '待删除', apiKey: created.apiKey });
    expect(deletion.changes.snapshot).not.toHaveProperty('secret');
  });
});
