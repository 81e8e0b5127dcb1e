import type { CanonicalOrder } from '../domain/canonical';
import { AdapterConfigError, InvalidVendorPayloadError } from './errors';
import { keruyunAdapter } from './keruyun';
import { keruyunSign } from './signing/keruyun';
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

const ctx = context({
  endpoint: 'https://openapi.keruyun.com',
  secret: 'tok_shop_abc',
  vendorConfig: { appKey: 'k_app_001', shopIdenty: '810094162' },
});

function payloadError(fn: () => unknown): InvalidVendorPayloadError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidVendorPayloadError) return error;
    throw error;
  }
  throw new Error('expected InvalidVendorPayloadError');
}

describe('客如云 adapter — menu push', () => {
  it('builds a signed JSON request with the public params in the query string (hand-derived vector)', () => {
    const [request] = keruyunAdapter.buildMenuPushRequests([greenTea], ctx);
    const body =
      '{"shopIdenty":810094162,"dishes":[{"outerDishId":"menu_002","dishName":"绿茶","dishTypeName":"饮品","price":1999,"unit":"杯","status":0,"description":""}]}';
    expect(request.body).toBe(body);
    // printf '%s' 'appKeyk_app_001shopIdenty810094162timestamp1736937000version1.0body{"shopIdenty":810094162,"dishes":[{"outerDishId":"menu_002","dishName":"绿茶","dishTypeName":"饮品","price":1999,"unit":"杯","status":0,"description":""}]}tok_shop_abc' | sha256sum
    expect(request.url).toBe(
      'https://openapi.keruyun.com/open/standard/dish/shop/batchSave?appKey=k_app_001&shopIdenty=810094162&timestamp=1736937000&version=1.0&sign=c73b1a0b117ca7710e4c7b4369e958cabd4909aa0063c1ddf3019bcbd484c5ba',
    );
    expect(request.method).toBe('POST');
    expect(request.headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8' });
  });

  it('sends price in fen, the status code and the carbon label as description', () => {
    const [request] = keruyunAdapter.buildMenuPushRequests([mapoTofu], ctx);
    expect(JSON.parse(request.body).dishes[0]).toEqual({
      outerDishId: 'menu_001',
      dishName: '素麻婆豆腐',
      dishTypeName: '主菜',
      price: 3800,
      unit: '份',
      status: 1,
      description: '低碳排放菜品 · 0.45 kg CO₂e · 气候友好',
    });
    const url = new URL(request.url);
    const params = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'sign'));
    expect(url.searchParams.get('sign')).toBe(keruyunSign({ params, body: request.body }, 'tok_shop_abc'));
  });

  it('chunks at 200 items, each chunk signed over its own body', () => {
    const requests = keruyunAdapter.buildMenuPushRequests(manyItems(201), ctx);
    expect(requests.map((r) => r.itemIds.length)).toEqual([200, 1]);
    expect(new URL(requests[0].url).searchParams.get('sign')).not.toBe(new URL(requests[1].url).searchParams.get('sign'));
  });

  it('honours a configured path and version, and names missing settings', () => {
    const [request] = keruyunAdapter.buildMenuPushRequests([greenTea], {
      ...ctx,
      vendorConfig: { ...ctx.vendorConfig, menuPushPath: '/open/v2/dish/save', version: '2.0' },
    });
    expect(request.url).toMatch(/^https:\/\/openapi\.keruyun\.com\/open\/v2\/dish\/save\?.*version=2\.0&sign=/);
    expect(() => keruyunAdapter.buildMenuPushRequests([greenTea], { ...ctx, vendorConfig: { appKey: 'k' } })).toThrow(AdapterConfigError);
    expect(() => keruyunAdapter.buildMenuPushRequests([greenTea], { ...ctx, vendorConfig: { appKey: 'k' } })).toThrow('客如云接入配置缺少 shopIdenty');
  });

  it('reads code 0 as success for the whole batch, anything else as failure with the message', () => {
    const ids = ['menu_001', 'menu_002'];
    expect(keruyunAdapter.parseMenuPushReply({ statusCode: 200, body: '{"code":0,"message":"成功[OK]","result":{}}' }, ids)).toEqual([
      { itemId: 'menu_001', success: true },
      { itemId: 'menu_002', success: true },
    ]);
    expect(keruyunAdapter.parseMenuPushReply({ statusCode: 200, body: '{"code":1001,"message":"签名错误"}' }, ids)[1]).toEqual({
      itemId: 'menu_002',
      success: false,
      reason: '客如云拒绝同步: 签名错误',
    });
    expect(keruyunAdapter.parseMenuPushReply({ statusCode: 500, body: '{"message":"内部错误"}' }, ids)[0].reason).toBe('客如云返回 HTTP 500: 内部错误');
  });
});

describe('客如云 adapter — orders', () => {
  const payload = {
    orderId: 'POS_ORDER_202501151030001',
    shopIdenty: 810094162,
    tradeTime: 1736937000000, // 2025-01-15T10:30:00Z
    tradeType: 1,
    tradeAmount: 7600,
    dishes: [{ outerDishId: 'menu_001', dishName: '素麻婆豆腐', quantity: 2, price: 3800, amount: 7600 }],
    customer: { customerId: 'customer_001', mobile: '138****1234' },
  };

  it('maps a vendor order to canonical (numeric shopIdenty becomes a string id)', () => {
    expect(keruyunAdapter.parseInboundOrder(payload)).toStrictEqual({ ...seedOrder, restaurantId: '810094162' });
  });

  it.each([
    ['sale', { ...seedOrder, restaurantId: '810094162' }],
    ['sale with a non-numeric store id', seedOrder],
    ['refund', refundOrder],
    ['void', voidOrder],
  ])('round-trips canonical → vendor → canonical: %s', (_name, order: CanonicalOrder) => {
    expect(keruyunAdapter.parseInboundOrder(keruyunAdapter.toVendorOrder(order))).toStrictEqual(order);
  });

  it('emits fen, epoch milliseconds and the trade type code', () => {
    expect(keruyunAdapter.toVendorOrder(refundOrder)).toMatchObject({ shopIdenty: 810094162, tradeTime: 1736942405000, tradeType: 2, tradeAmount: 123456877 });
  });

  it('rejects yuan-looking amounts, unknown trade types and missing fields in Chinese', () => {
    expect(payloadError(() => keruyunAdapter.parseInboundOrder({ ...payload, tradeAmount: 76.5 })).message).toBe(
      '客如云订单数据格式错误: tradeAmount 金额（分）必须是整数',
    );
    expect(payloadError(() => keruyunAdapter.parseInboundOrder({ ...payload, tradeType: 9 })).message).toBe(
      '客如云订单数据格式错误: tradeType 交易类型必须是 1（销售）、2（退货）或 3（作废）',
    );
    expect(payloadError(() => keruyunAdapter.parseInboundOrder({ ...payload, dishes: [{ ...payload.dishes[0], quantity: 'two' }] })).message).toBe(
      '客如云订单数据格式错误: dishes.0.quantity 无效输入：期望 数字，实际接收 string',
    );
  });
});

describe('客如云 adapter — menus both ways', () => {
  it('maps a vendor dish list to canonical items (numeric ids become strings, 1/0 → active/inactive)', () => {
    const payload = {
      shopIdenty: 810094162,
      dishes: [
        { outerDishId: 'menu_001', dishName: '素麻婆豆腐', dishTypeName: '主菜', price: 3800, unit: '份', status: 1, description: '低碳排放菜品' },
        { outerDishId: 77, dishName: '绿茶', dishTypeName: '饮品', price: 1999, unit: '杯', status: 0, description: '' },
      ],
    };
    expect(keruyunAdapter.parseInboundMenu(payload)).toStrictEqual([
      menuCore(mapoTofu),
      { itemId: '77', itemName: '绿茶', category: '饮品', priceFen: 1999, unit: '杯', status: 'inactive' },
    ]);
  });

  it('round-trips canonical → vendor → canonical for every field the vendor carries (object and JSON text)', () => {
    const items = [mapoTofu, greenTea, ...oddMenuItems];
    const vendor = keruyunAdapter.toVendorMenu(items, ctx);
    expect(keruyunAdapter.parseInboundMenu(vendor)).toStrictEqual(items.map(menuCore));
    expect(keruyunAdapter.parseInboundMenu(JSON.stringify(vendor))).toStrictEqual(items.map(menuCore));
    // the menu push sends exactly this document
    expect(JSON.parse(keruyunAdapter.buildMenuPushRequests(items, ctx)[0].body)).toEqual(vendor);
  });

  it('rejects yuan-looking prices and unknown status codes in Chinese, with the field path', () => {
    const dish = { outerDishId: 'm1', dishName: '菜', dishTypeName: '主菜', price: 38.5, unit: '份', status: 1 };
    expect(payloadError(() => keruyunAdapter.parseInboundMenu({ dishes: [dish] })).message).toBe('客如云菜单数据格式错误: dishes.0.price 金额（分）必须是整数');
    expect(payloadError(() => keruyunAdapter.parseInboundMenu({ dishes: [{ ...dish, price: 3850, status: 2 }] })).details).toMatchObject({
      field: 'dishes.0.status',
    });
  });
});
