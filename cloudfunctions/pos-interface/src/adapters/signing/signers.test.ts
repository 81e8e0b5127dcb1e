/**
 * Vendor signature vectors. Each expected digest was computed in a shell from the string the
 * vendor's documented rule produces (written out by hand below), not by this code.
 */
import { buildKeruyunStringToSign, keruyunSign } from './keruyun';
import { buildMeituanStringToSign, meituanSign } from './meituan';
import { concatSortedParams } from './sorted-params';
import { buildTwoDfireStringToSign, twoDfireSign } from './two-dfire';

describe('concatSortedParams', () => {
  it('sorts by ASCII name (upper case first), drops sign, optionally drops empty values', () => {
    const params = { b: '2', a: '1', B: '3', sign: 'x', empty: '', none: undefined };
    expect(concatSortedParams(params, { skipEmpty: false })).toBe('B3a1b2emptynone');
    expect(concatSortedParams(params, { skipEmpty: true })).toBe('B3a1b2');
  });
});

describe('客如云 keruyunSign', () => {
  const body = '{"shopIdenty":810094162,"dishes":[{"outerDishId":"menu_001","dishName":"素麻婆豆腐","price":3800}]}';
  const params = { version: '1.0', timestamp: '1736937000', shopIdenty: '810094162', appKey: 'k_app_001', sign: 'ignored' };

  it('concatenates sorted params, "body" + body, then the token', () => {
    expect(buildKeruyunStringToSign({ params, body }, 'tok_shop_abc')).toBe(
      `appKeyk_app_001shopIdenty810094162timestamp1736937000version1.0body${body}tok_shop_abc`,
    );
  });

  it('matches the hand-derived SHA-256 vector', () => {
    // printf '%s' 'appKeyk_app_001shopIdenty810094162timestamp1736937000version1.0body{"shopIdenty":810094162,"dishes":[{"outerDishId":"menu_001","dishName":"素麻婆豆腐","price":3800}]}tok_shop_abc' | sha256sum
    expect(keruyunSign({ params, body }, 'tok_shop_abc')).toBe('6910b10685ec2c331bc9f8410ca02ae7f39458e81b2ef83971e1beda21489407');
  });

  it('changes with the token and the body', () => {
    const good = '6910b10685ec2c331bc9f8410ca02ae7f39458e81b2ef83971e1beda21489407';
    expect(keruyunSign({ params, body }, 'tok_shop_abd')).not.toBe(good);
    expect(keruyunSign({ params, body: body.replace('3800', '3801') }, 'tok_shop_abc')).not.toBe(good);
    expect(() => keruyunSign({ params, body }, '')).toThrow(/token/);
  });
});

describe('二维火 twoDfireSign', () => {
  const params = {
    method: 'dfire.shop.menu.batch.save',
    v: '1.0',
    timestamp: '1736937000000',
    appKey: 'app2df',
    entityId: '00138102',
    menus: '[{"outMenuId":"menu_001","name":"素麻婆豆腐","price":38}]',
    sign: 'ignored',
  };

  it('wraps the sorted concatenation in the secret on both sides ("menus" sorts before "method")', () => {
    expect(buildTwoDfireStringToSign({ params }, 'sec_2dfire_xyz')).toBe(
      'sec_2dfire_xyzappKeyapp2dfentityId00138102menus[{"outMenuId":"menu_001","name":"素麻婆豆腐","price":38}]methoddfire.shop.menu.batch.savetimestamp1736937000000v1.0sec_2dfire_xyz',
    );
  });

  it('matches the hand-derived upper-case SHA-1 vector', () => {
    // printf '%s' 'sec_2dfire_xyzappKeyapp2dfentityId00138102menus[{"outMenuId":"menu_001","name":"素麻婆豆腐","price":38}]methoddfire.shop.menu.batch.savetimestamp1736937000000v1.0sec_2dfire_xyz' | sha1sum | tr 'a-f' 'A-F'
    expect(twoDfireSign({ params }, 'sec_2dfire_xyz')).toBe('EEAF75AEAEA3C011FCDF4094F10F8A94B015C2AB');
  });

  it('refuses an empty secret', () => {
    expect(() => twoDfireSign({ params }, '')).toThrow(/密钥/);
  });
});

describe('美团 meituanSign', () => {
  const params = {
    developerId: '100123',
    businessId: '2',
    timestamp: '1736937000',
    charset: 'UTF-8',
    version: '2',
    appAuthToken: 'auth_tok_1',
    biz: '{"dishes":[{"eDishCode":"menu_001","dishName":"素麻婆豆腐","price":3800}]}',
    ePoiId: '',
    sign: 'ignored',
  };

  it('prefixes the signKey and skips empty values and sign', () => {
    expect(buildMeituanStringToSign({ params }, 'mt_sign_key')).toBe(
      'mt_sign_keyappAuthTokenauth_tok_1biz{"dishes":[{"eDishCode":"menu_001","dishName":"素麻婆豆腐","price":3800}]}businessId2charsetUTF-8developerId100123timestamp1736937000version2',
    );
  });

  it('matches the hand-derived lower-case SHA-1 vector', () => {
    // printf '%s' 'mt_sign_keyappAuthTokenauth_tok_1biz{"dishes":[{"eDishCode":"menu_001","dishName":"素麻婆豆腐","price":3800}]}businessId2charsetUTF-8developerId100123timestamp1736937000version2' | sha1sum
    expect(meituanSign({ params }, 'mt_sign_key')).toBe('f47eae42f4c9e78499768f254c647bbaa2cc2fcb');
  });

  it('refuses an empty signKey', () => {
    expect(() => meituanSign({ params }, '')).toThrow(/signKey/);
  });
});
