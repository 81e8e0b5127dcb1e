import type { CanonicalOrder } from '../domain/canonical';
import { AdapterConfigError, InvalidVendorPayloadError } from './errors';
import { twoDfireSign } from './signing/two-dfire';
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
import { twoDfireAdapter } from './two-dfire';

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
  endpoint: 'https://open.2dfire.com/router',
  secret: 'sec_2dfire_xyz',
  vendorConfig: { appKey: 'app2df', entityId: '00138102' },
});

const formOf = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body));

describe('二维火 adapter — menu push', () => {
  it('posts a signed form to the router (hand-derived vector)', () => {
    const [request] = twoDfireAdapter.buildMenuPushRequests([greenTea], ctx);
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://open.2dfire.com/router',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
    // printf '%s' 'sec_2dfire_xyzappKeyapp2dfentityId00138102menus[{"outMenuId":"menu_002","name":"绿茶","kindName":"饮品","price":19.99,"unit":"杯","status":0,"memo":""}]methoddfire.shop.menu.batch.savetimestamp1736937000000v1.0sec_2dfire_xyz' | sha1sum | tr 'a-f' 'A-F'
    expect(formOf(request.body)).toEqual({
      method: 'dfire.shop.menu.batch.save',
      v: '1.0',
      timestamp: '1736937000000',
      appKey: 'app2df',
      entityId: '00138102',
      menus: '[{"outMenuId":"menu_002","name":"绿茶","kindName":"饮品","price":19.99,"unit":"杯","status":0,"memo":""}]',
      sign: '0B919E048AEF3123E8578466DAA2AF38773E777D',
    });
  });

  it('sends price in yuan and the carbon label as memo; the signature covers the business parameter', () => {
    const [request] = twoDfireAdapter.buildMenuPushRequests([mapoTofu], ctx);
    const form = formOf(request.body);
    expect(JSON.parse(form.menus)[0]).toMatchObject({ outMenuId: 'menu_001', price: 38, status: 1, memo: '低碳排放菜品 · 0.45 kg CO₂e · 气候友好' });
    const { sign, ...params } = form;
    expect(sign).toBe(twoDfireSign({ params }, 'sec_2dfire_xyz'));
    expect(twoDfireSign({ params: { ...params, menus: params.menus.replace('38', '39') } }, 'sec_2dfire_xyz')).not.toBe(sign);
  });

  it('chunks at 200 items and requires appKey and entityId', () => {
    expect(twoDfireAdapter.buildMenuPushRequests(manyItems(401), ctx).map((r) => r.itemIds.length)).toEqual([200, 200, 1]);
    expect(() => twoDfireAdapter.buildMenuPushRequests([greenTea], { ...ctx, vendorConfig: { appKey: 'a' } })).toThrow(AdapterConfigError);
  });

  it('reads { success } replies', () => {
    const ids = ['menu_001'];
    expect(twoDfireAdapter.parseMenuPushReply({ statusCode: 200, body: '{"success":true,"model":null}' }, ids)).toEqual([
      { itemId: 'menu_001', success: true },
    ]);
    expect(twoDfireAdapter.parseMenuPushReply({ statusCode: 200, body: '{"success":false,"message":"菜品分类不存在"}' }, ids)).toEqual([
      { itemId: 'menu_001', success: false, reason: '二维火拒绝同步: 菜品分类不存在' },
    ]);
    expect(twoDfireAdapter.parseMenuPushReply({ statusCode: 200, body: '{"success":false,"code":"ISV_AUTH_ERROR"}' }, ids)[0].reason).toBe(
      '二维火拒绝同步: 错误码 ISV_AUTH_ERROR',
    );
    expect(twoDfireAdapter.parseMenuPushReply({ statusCode: 200, body: '{"model":1}' }, ids)[0].success).toBe(false);
  });
});

describe('二维火 adapter — orders', () => {
  const payload = {
    orderVo: { orderId: 'POS_ORDER_202501151030001', entityId: '00138102', openTime: 1736937000000, orderType: 1 },
    instanceVoList: [{ menuId: 'menu_001', name: '素麻婆豆腐', num: 2, price: 38.0, fee: 76.0 }],
    totalPayVo: { resultAmount: 76.0 },
    customer: { customerRegisterId: 'customer_001', mobile: '138****1234' },
  };

  it('maps a vendor order to canonical, yuan → fen, keeping entityId leading zeros', () => {
    expect(twoDfireAdapter.parseInboundOrder(payload)).toStrictEqual({ ...seedOrder, restaurantId: '00138102' });
    expect(twoDfireAdapter.parseInboundOrder(JSON.stringify(payload)).restaurantId).toBe('00138102');
  });

  it.each([
    ['sale', { ...seedOrder, restaurantId: '00138102' }],
    ['refund with 0.01 / 0.29 / 1 234 567.89 元', refundOrder],
    ['void', voidOrder],
  ])('round-trips canonical → vendor → canonical: %s', (_name, order: CanonicalOrder) => {
    expect(twoDfireAdapter.parseInboundOrder(twoDfireAdapter.toVendorOrder(order))).toStrictEqual(order);
  });

  it('emits yuan amounts', () => {
    expect(twoDfireAdapter.toVendorOrder(refundOrder)).toMatchObject({
      instanceVoList: [{ price: 0.01, fee: 0.01 }, { price: 0.29, fee: 0.87 }, { price: 1234567.89 }],
      totalPayVo: { resultAmount: 1234568.77 },
    });
  });

  it('rejects sub-fen amounts and bad times with the field path', () => {
    const bad = (patch: object): InvalidVendorPayloadError => {
      try {
        twoDfireAdapter.parseInboundOrder({ ...payload, ...patch });
      } catch (error) {
        if (error instanceof InvalidVendorPayloadError) return error;
        throw error;
      }
      throw new Error('expected an error');
    };
    expect(bad({ totalPayVo: { resultAmount: 76.001 } }).message).toBe('二维火订单数据格式错误: totalPayVo.resultAmount 金额必须是最多两位小数的非负数（元）');
    expect(bad({ orderVo: { ...payload.orderVo, openTime: 'yesterday' } }).details?.field).toBe('orderVo.openTime');
  });
});

describe('二维火 adapter — menus both ways', () => {
  it('maps a vendor menus list (yuan) to canonical items in exact fen', () => {
    const payload = [
      { outMenuId: 'menu_001', name: '素麻婆豆腐', kindName: '主菜', price: 38, unit: '份', status: 1, memo: '低碳排放菜品' },
      { outMenuId: 'menu_002', name: '绿茶', kindName: '饮品', price: '19.99', unit: '杯', status: 0, memo: '' },
    ];
    expect(twoDfireAdapter.parseInboundMenu(payload)).toStrictEqual([menuCore(mapoTofu), menuCore(greenTea)]);
  });

  it('round-trips canonical → vendor → canonical for every field the vendor carries (array and the form parameter text)', () => {
    const items = [mapoTofu, greenTea, ...oddMenuItems];
    const vendor = twoDfireAdapter.toVendorMenu(items, ctx);
    expect(twoDfireAdapter.parseInboundMenu(vendor)).toStrictEqual(items.map(menuCore));
    const menusParam = new URLSearchParams(twoDfireAdapter.buildMenuPushRequests(items, ctx)[0].body).get('menus');
    expect(JSON.parse(menusParam!)).toEqual(vendor);
    expect(twoDfireAdapter.parseInboundMenu(menusParam)).toStrictEqual(items.map(menuCore));
  });

  it('rejects a price with more than two decimals (yuan) in Chinese, with the field path', () => {
    const menu = { outMenuId: 'm1', name: '菜', kindName: '主菜', price: 38.005, unit: '份', status: 1 };
    expect(payloadError(() => twoDfireAdapter.parseInboundMenu([menu])).message).toBe('二维火菜单数据格式错误: 0.price 金额必须是最多两位小数的非负数（元）');
    expect(payloadError(() => twoDfireAdapter.parseInboundMenu([{ ...menu, price: 1e-7 }])).details).toMatchObject({ field: '0.price' });
  });
});
