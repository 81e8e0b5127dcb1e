import { createHash } from 'node:crypto';
import { checkVendorPush } from './vendor-push';

const now = new Date(1736937000_000);

describe('checkVendorPush', () => {
  it('美团: verifies SHA-1(signKey + sorted non-empty params), hand-computed', () => {
    const params = { developerId: '1001', timestamp: '1736937000', biz: '{"orderId":"A"}', charset: '' };
    // sorted, empty values skipped: biz…developerId1001timestamp1736937000
    const sign = createHash('sha1').update('keybiz{"orderId":"A"}developerId1001timestamp1736937000').digest('hex');
    const body = new URLSearchParams({ ...params, sign }).toString();
    expect(checkVendorPush('meituan', { query: {}, rawBody: body }, ['key'], now)).toEqual({
      ok: true,
      push: { payload: { orderId: 'A' }, timestampSeconds: 1736937000 },
    });
    expect(checkVendorPush('meituan', { query: {}, rawBody: body }, ['other', 'key'], now).ok).toBe(true);
    expect(checkVendorPush('meituan', { query: {}, rawBody: body }, ['other'], now)).toEqual({ ok: false, reason: 'signature' });
    expect(checkVendorPush('meituan', { query: {}, rawBody: body }, ['key'], new Date(now.getTime() + 301_000))).toEqual({ ok: false, reason: 'timestamp' });
  });

  it('客如云: sign in the query covers the raw JSON body; millisecond timestamps are accepted', () => {
    const query = { appKey: 'k', shopIdenty: '1', timestamp: '1736937000123', version: '1.0' };
    const rawBody = '{"orderId":"B"}';
    const sign = createHash('sha256').update(`appKeykshopIdenty1timestamp1736937000123version1.0body${rawBody}token`).digest('hex');
    expect(checkVendorPush('keruyun', { query: { ...query, sign }, rawBody }, ['token'], now).ok).toBe(true);
    expect(checkVendorPush('keruyun', { query: { ...query, sign }, rawBody: '{"orderId":"C"}' }, ['token'], now)).toEqual({ ok: false, reason: 'signature' });
  });

  it('二维火: UPPER(SHA-1(secret + sorted params + secret)); a signed but non-JSON data is a payload error', () => {
    const params = { appKey: 'a', data: 'not json', timestamp: '1736937000000' };
    const sign = createHash('sha1').update('sappKeyadatanot jsontimestamp1736937000000s').digest('hex').toUpperCase();
    expect(checkVendorPush('2dfire', { query: {}, rawBody: new URLSearchParams({ ...params, sign }).toString() }, ['s'], now)).toEqual({
      ok: false,
      reason: 'payload',
    });
  });
});
