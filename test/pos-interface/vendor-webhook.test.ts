import type { CanonicalOrder } from '../../cloudfunctions/pos-interface/src/domain/canonical';
import { getAdapter } from '../../cloudfunctions/pos-interface/src/adapters/registry';
import { keruyunSign } from '../../cloudfunctions/pos-interface/src/adapters/signing/keruyun';
import { meituanSign } from '../../cloudfunctions/pos-interface/src/adapters/signing/meituan';
import { twoDfireSign } from '../../cloudfunctions/pos-interface/src/adapters/signing/two-dfire';
import { addIntegration, countWhere, order, signedHeaders, startPosEnv, writableCounts, type PosTestEnv, type TestIntegration } from './support';

let env: PosTestEnv;
let meituan: TestIntegration;
let keruyun: TestIntegration;
let twoDfire: TestIntegration;
let standard: TestIntegration;

beforeAll(async () => {
  env = await startPosEnv();
  // Each vendor signs its pushes with its own key (the one our outbound calls use), never with our API secret.
  meituan = addIntegration(env, {
    vendor: 'meituan',
    vendorConfig: { developerId: '1001', businessId: '2', appAuthToken: 'tok', ePoiId: 'mt_poi_88' },
    vendorSecret: 'mt_signkey_7f1c2e',
  });
  keruyun = addIntegration(env, { vendor: 'keruyun', vendorConfig: { appKey: 'kry_app', shopIdenty: '810094162' }, vendorSecret: 'kry_token_3b9a0d' });
  twoDfire = addIntegration(env, { vendor: '2dfire', vendorConfig: { appKey: 'df_app', entityId: '00178419' }, vendorSecret: 'df_appsecret_55e1' });
  standard = addIntegration(env);
});
afterAll(() => env?.emulator.stop());

const canonical = (orderId: string, restaurantId: string): CanonicalOrder => ({
  orderId,
  restaurantId,
  orderTime: '2025-01-15T10:30:00.000Z',
  transactionType: 'sale',
  items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPriceFen: 3800, totalPriceFen: 7600 }],
  totalAmountFen: 7600,
  customer: { customerId: 'c1', phone: '13800001234' },
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const path = (integration: TestIntegration, query = '') => `/v1/pos/webhooks/${integration.id}${query}`;
const storedOrder = async (integration: TestIntegration, orderId: string) =>
  (await env.db.collection('pos_orders').doc(`${integration.id}:${orderId}`).get()).data as Record<string, any>;

function meituanPush(orderId: string, secret = meituan.vendorSecret!, timestamp = nowSeconds()) {
  const params: Record<string, string> = {
    developerId: '1001',
    businessId: '2',
    timestamp: String(timestamp),
    charset: 'UTF-8',
    version: '2',
    biz: JSON.stringify(getAdapter('meituan').toVendorOrder(canonical(orderId, 'mt_poi_88'))),
  };
  return form({ ...params, sign: meituanSign({ params }, secret) });
}

describe('POST /v1/pos/webhooks/{integrationId} (vendor formats)', () => {
  it('美团: form push signed with SHA-1(signKey + sorted params) → stored, vendor-style reply', async () => {
    const res = await env.emulator.http('POST', path(meituan), { body: meituanPush('MT_1'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 'OP_SUCCESS', data: { orderId: 'MT_1', carbonStatus: 'calculated' } });
    expect(await storedOrder(meituan, 'MT_1')).toMatchObject({ restaurantId: 'rest_123456', totalAmountFen: 7600, customer: { phoneMasked: '138****1234' } });
    expect(await countWhere(env, 'pos_sync_logs', { kind: 'vendor.webhook', integrationId: meituan.id, status: 'success' })).toBe(1);
  });

  it('客如云: JSON push, sign in the query = SHA-256(sorted params + "body" + body + token)', async () => {
    const body = JSON.stringify(getAdapter('keruyun').toVendorOrder(canonical('KRY_1', '810094162')));
    const params = { appKey: 'kry_app', shopIdenty: '810094162', timestamp: String(nowSeconds()), version: '1.0' };
    const query = `?${form({ ...params, sign: keruyunSign({ params, body }, keruyun.vendorSecret!) })}`;
    const res = await env.emulator.http('POST', path(keruyun, query), { body });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 0, result: { orderId: 'KRY_1' } });
  });

  it('二维火: form push, sign = UPPER(SHA-1(secret + sorted params + secret))', async () => {
    const params = {
      appKey: 'df_app',
      entityId: '00178419',
      method: 'dfire.order.push',
      v: '1.0',
      timestamp: String(Date.now()),
      data: JSON.stringify(getAdapter('2dfire').toVendorOrder(canonical('DF_1', '00178419'))),
    };
    const res = await env.emulator.http('POST', path(twoDfire), {
      body: form({ ...params, sign: twoDfireSign({ params }, twoDfire.vendorSecret!) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ success: true, model: { orderId: 'DF_1' } });
  });

  it('standard: the seed body with our signed headers', async () => {
    const body = JSON.stringify(order('STD_1'));
    const res = await env.emulator.http('POST', path(standard), { body, headers: signedHeaders(standard, 'POST', path(standard), body) });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ orderId: 'STD_1' });
  });

  it('wrong signature, stale timestamp, unknown integration, foreign store: rejected, nothing written', async () => {
    const before = await writableCounts(env);
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const forged = await env.emulator.http('POST', path(meituan), { body: meituanPush('MT_2', 'not-the-key'), headers });
    expect([forged.status, forged.json.code]).toEqual([401, 40117]);
    const stale = await env.emulator.http('POST', path(meituan), { body: meituanPush('MT_2', meituan.vendorSecret!, nowSeconds() - 600), headers });
    expect([stale.status, stale.json.code]).toEqual([401, 40113]);
    const unknown = await env.emulator.http('POST', '/v1/pos/webhooks/posint_nobody', { body: meituanPush('MT_2'), headers });
    expect([unknown.status, unknown.json.code]).toEqual([404, 40410]);
    expect({ ...(await writableCounts(env)) }).toEqual(before);

    const params: Record<string, string> = {
      developerId: '1001',
      timestamp: String(nowSeconds()),
      biz: JSON.stringify(getAdapter('meituan').toVendorOrder(canonical('MT_3', 'other_poi'))),
    };
    const foreign = await env.emulator.http('POST', path(meituan), {
      body: form({ ...params, sign: meituanSign({ params }, meituan.vendorSecret!) }),
      headers,
    });
    expect([foreign.status, foreign.json.code]).toEqual([403, 40311]);
    expect(await countWhere(env, 'pos_orders', { orderId: 'MT_3' })).toBe(0);
  });

  it('a vendor push signed with our API secret instead of the vendor key is refused (40117), nothing written', async () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const before = await writableCounts(env);
    const res = await env.emulator.http('POST', path(meituan), { body: meituanPush('MT_OUR_SECRET', meituan.secret), headers });
    expect([res.status, res.json.code]).toEqual([401, 40117]);

    const body = JSON.stringify(getAdapter('keruyun').toVendorOrder(canonical('KRY_OUR_SECRET', '810094162')));
    const params = { appKey: 'kry_app', shopIdenty: '810094162', timestamp: String(nowSeconds()), version: '1.0' };
    const kry = await env.emulator.http('POST', path(keruyun, `?${form({ ...params, sign: keruyunSign({ params, body }, keruyun.secret) })}`), { body });
    expect([kry.status, kry.json.code]).toEqual([401, 40117]);
    expect(await writableCounts(env)).toEqual(before);
  });

  it('a vendor integration without a stored vendor key cannot be pushed to (40117)', async () => {
    const keyless = addIntegration(env, {
      vendor: 'meituan',
      vendorConfig: { developerId: '1001', businessId: '2', appAuthToken: 'tok', ePoiId: 'mt_poi_88' },
    });
    const params: Record<string, string> = {
      developerId: '1001',
      timestamp: String(nowSeconds()),
      biz: JSON.stringify(getAdapter('meituan').toVendorOrder(canonical('MT_KEYLESS', 'mt_poi_88'))),
    };
    for (const key of [keyless.secret, '']) {
      const body = form({ ...params, sign: key ? meituanSign({ params }, key) : 'x' });
      const res = await env.emulator.http('POST', path(keyless), { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect([res.status, res.json.code]).toEqual([401, 40117]);
    }
    expect(await countWhere(env, 'pos_orders', { orderId: 'MT_KEYLESS' })).toBe(0);
  });

  it('a malformed vendor order is a 400 with the vendor field path', async () => {
    const params: Record<string, string> = {
      developerId: '1001',
      timestamp: String(nowSeconds()),
      biz: JSON.stringify({ orderId: 'MT_4', ePoiId: 'mt_poi_88', orderTime: nowSeconds(), orderType: 1, totalPrice: 100, dishes: [] }),
    };
    const res = await env.emulator.http('POST', path(meituan), {
      body: form({ ...params, sign: meituanSign({ params }, meituan.vendorSecret!) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(400);
    expect(res.json.details.field).toBe('dishes');
  });
});
