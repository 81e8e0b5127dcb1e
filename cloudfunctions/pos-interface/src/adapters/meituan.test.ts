import type { CanonicalOrder } from '../domain/canonical';
import { AdapterConfigError, InvalidVendorPayloadError } from './errors';
import { meituanAdapter } from './meituan';
import { meituanSign } from './signing/meituan';
import {
  context,
  greenTea,
  manyItems,
  mapoTofu,
  menuCore,
  oddMenuItems,
  refundOrder,
  seedOrder,
  voidOrder,
} from '../../../../test/pos-interface/adapter-fixtures';

function payloadError(fn: () => unknown): InvalidVendorPayloadError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidVendorPayloadError) return error;
    throw error;
  }
  throw new Error('expected InvalidVendorPayloadError');
}

const ctx = context({
  endpoint: 'https://api-open-cater.meituan.com',
  secret: 'mt_sign_key',
  vendorConfig: { developerId: '100123', businessId: '2', appAuthToken: 'auth_tok_1' },
});

const formOf = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body));

describe('美团 adapter — menu push', () => {
  it('posts a signed form with the system parameters and biz JSON (hand-derived vector)', () => {
    const [request] = meituanAdapter.buildMenuPushRequests([greenTea], ctx);
    expect(request).toMatchObject({ method: 'POST', url: 'https://api-open-cater.meituan.com/rms/dish/batchSync' });
    // printf '%s' 'mt_sign_keyappAuthTokenauth_tok_1biz{"dishes":[{"eDishCode":"menu_002","dishName":"绿茶","categoryName":"饮品","price":1999,"unit":"杯","status":0,"description":""}]}businessId2charsetUTF-8developerId100123timestamp1736937000version2' | sha1sum
    expect(formOf(request.body)).toEqual({
      developerId: '100123',
      businessId: '2',
      timestamp: '1736937000',
      charset: 'UTF-8',
      version: '2',
      appAuthToken: 'auth_tok_1',
      biz: '{"dishes":[{"eDishCode":"menu_002","dishName":"绿茶","categoryName":"饮品","price":1999,"unit":"杯","status":0,"description":""}]}',
      sign: '7b1ca2cbcf083e0d93c92dafcc67108a142d630b',
    });
  });

  it('sends price in fen with the carbon label; the signature covers biz', () => {
    const [request] = meituanAdapter.buildMenuPushRequests([mapoTofu], ctx);
    const { sign, ...params } = formOf(request.body);
    expect(JSON.parse(params.biz).dishes[0]).toMatchObject({
      eDishCode: 'menu_001',
      price: 3800,
      status: 1,
      description: '低碳排放菜品 · 0.45 kg CO₂e · 气候友好',
    });
    expect(sign).toBe(meituanSign({ params }, 'mt_sign_key'));
  });

  it('chunks at 200 items and requires developerId, businessId and appAuthToken', () => {
    expect(meituanAdapter.buildMenuPushRequests(manyItems(200), ctx)).toHaveLength(1);
    expect(meituanAdapter.buildMenuPushRequests(manyItems(201), ctx)).toHaveLength(2);
    expect(() => meituanAdapter.buildMenuPushRequests([greenTea], { ...ctx, vendorConfig: { developerId: '1', businessId: '2' } })).toThrow(
      new AdapterConfigError('美团收银', 'appAuthToken'),
    );
  });

  it('reads code OP_SUCCESS as success', () => {
    const ids = ['menu_001'];
    expect(meituanAdapter.parseMenuPushReply({ statusCode: 200, body: '{"code":"OP_SUCCESS","data":"success"}' }, ids)).toEqual([
      { itemId: 'menu_001', success: true },
    ]);
    expect(meituanAdapter.parseMenuPushReply({ statusCode: 200, body: '{"code":"OP_FAIL","msg":"appAuthToken 已失效"}' }, ids)).toEqual([
      { itemId: 'menu_001', success: false, reason: '美团收银拒绝同步: appAuthToken 已失效' },
    ]);
    expect(meituanAdapter.parseMenuPushReply({ statusCode: 200, body: '{"code":0}' }, ids)[0].success).toBe(false);
  });
});

describe('美团 adapter — orders', () => {
  const payload = {
    orderId: 'POS_ORDER_202501151030001',
    ePoiId: 'rest_123456',
    orderTime: 1736937000, // seconds: 2025-01-15T10:30:00Z
    orderType: 1,
    totalPrice: 7600,
    dishes: [{ eDishCode: 'menu_001', dishName: '素麻婆豆腐', count: 2, price: 3800, totalPrice: 7600 }],
    userInfo: { userId: 'customer_001', phone: '138****1234' },
  };

  it('maps a vendor order (seconds, fen) to canonical, also from a JSON string', () => {
    expect(meituanAdapter.parseInboundOrder(payload)).toStrictEqual(seedOrder);
    expect(meituanAdapter.parseInboundOrder(JSON.stringify({ ...payload, orderTime: '1736937000' }))).toStrictEqual(seedOrder);
  });

  it.each([
    ['sale', seedOrder],
    ['refund', refundOrder],
    ['void', voidOrder],
  ])('round-trips canonical → vendor → canonical: %s', (_name, order: CanonicalOrder) => {
    expect(meituanAdapter.parseInboundOrder(meituanAdapter.toVendorOrder(order))).toStrictEqual(order);
  });

  it('refuses to truncate a sub-second order time', () => {
    expect(() => meituanAdapter.toVendorOrder({ ...seedOrder, orderTime: '2025-01-15T10:30:00.250Z' })).toThrow(/精度为秒/);
  });

  it('drops blank customer fields instead of keeping empty strings', () => {
    expect(meituanAdapter.parseInboundOrder({ ...payload, userInfo: { userId: '', phone: null } })).not.toHaveProperty('customer');
  });

  it('rejects negative fen amounts with a Chinese message', () => {
    try {
      meituanAdapter.parseInboundOrder({ ...payload, totalPrice: -100 });
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidVendorPayloadError);
      expect((error as Error).message).toBe('美团收银订单数据格式错误: totalPrice 金额不能为负数');
    }
  });
});

describe('美团 adapter — menus both ways', () => {
  it('maps a vendor biz dish list (fen) to canonical items', () => {
    const biz = {
      dishes: [
        { eDishCode: 'menu_001', dishName: '素麻婆豆腐', categoryName: '主菜', price: 3800, unit: '份', status: 1, description: '低碳排放菜品' },
        { eDishCode: 'menu_002', dishName: '绿茶', categoryName: '饮品', price: 1999, unit: '杯', status: 0, description: '' },
      ],
    };
    expect(meituanAdapter.parseInboundMenu(biz)).toStrictEqual([menuCore(mapoTofu), menuCore(greenTea)]);
  });

  it('round-trips canonical → vendor → canonical for every field the vendor carries (object and the biz text)', () => {
    const items = [mapoTofu, greenTea, ...oddMenuItems];
    const vendor = meituanAdapter.toVendorMenu(items, ctx);
    expect(meituanAdapter.parseInboundMenu(vendor)).toStrictEqual(items.map(menuCore));
    const biz = formOf(meituanAdapter.buildMenuPushRequests(items, ctx)[0].body).biz;
    expect(JSON.parse(biz)).toEqual(vendor);
    expect(meituanAdapter.parseInboundMenu(biz)).toStrictEqual(items.map(menuCore));
  });

  it('rejects missing fields and fractional fen in Chinese, with the field path', () => {
    const dish = { eDishCode: 'm1', dishName: '菜', categoryName: '主菜', price: 100, unit: '份', status: 1 };
    expect(payloadError(() => meituanAdapter.parseInboundMenu({ dishes: [{ ...dish, dishName: undefined }] })).message).toBe(
      '美团收银菜单数据格式错误: dishes.0.dishName 缺少必填字段',
    );
    expect(payloadError(() => meituanAdapter.parseInboundMenu({ dishes: [{ ...dish, price: 0.5 }] })).details).toMatchObject({ field: 'dishes.0.price' });
  });
});
