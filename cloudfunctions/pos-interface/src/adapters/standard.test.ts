import { AppError } from '../../../shared/kit/errors';
import { verifySignature } from '../../../shared/integration/signature';
import type { CanonicalOrder } from '../domain/canonical';
import { InvalidVendorPayloadError } from './errors';
import { parseStandardMenuSyncBody, standardAdapter } from './standard';
import { context, greenTea, manyItems, mapoTofu, refundOrder, seedOrder, voidOrder } from '../../../../test/pos-interface/adapter-fixtures';

function payloadError(fn: () => unknown): InvalidVendorPayloadError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidVendorPayloadError) return error;
    throw error;
  }
  throw new Error('expected InvalidVendorPayloadError');
}

describe('standard adapter — menu push', () => {
  it('sends exactly the seed menu sync body, price in yuan', () => {
    const [request] = standardAdapter.buildMenuPushRequests([mapoTofu], context());
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://pos.example.com/v1/pos/menu/sync');
    expect(request.itemIds).toEqual(['menu_001']);
    const seedBody = {
      restaurantId: 'rest_123456',
      syncType: 'full',
      menuItems: [
        {
          itemId: 'menu_001',
          itemName: '素麻婆豆腐',
          category: '主菜',
          price: 38.0,
          unit: '份',
          status: 'active',
          ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }],
          cookingMethod: 'stir_fried',
          carbonFootprint: {
            value: 0.45,
            unit: 'kg CO₂e',
            calculationLevel: 'L2',
            baseline: 1.2,
            reduction: 0.75,
            carbonLevel: 'low',
            certification: '气候友好',
          },
          carbonLabel: { level: 'low', icon: 'https://cdn.example.com/label-low.png', description: '低碳排放菜品' },
          updatedAt: '2025-01-15T10:30:00.000Z',
        },
      ],
      timestamp: '2025-01-15T10:30:00Z',
    };
    // Same keys in the same order, nothing extra.
    expect(request.body).toBe(JSON.stringify(seedBody));
  });

  it('signs the exact body (vector computed with openssl)', () => {
    // { printf 'POST\n/v1/pos/menu/sync\n1736937000\nnonce_0000000000000001\n'; cat body.txt; } | openssl dgst -sha256 -hmac 'test_secret_key_123'
    // where body.txt holds request.body byte for byte (asserted in the previous test).
    const [request] = standardAdapter.buildMenuPushRequests([mapoTofu], context());
    expect(request.headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'X-API-Key': 'ak_test_001',
      'X-Timestamp': '1736937000',
      'X-Nonce': 'nonce_0000000000000001',
      'X-Signature': 'cdabd83babd0882ac7eea6268fa6afb47846d317eb11714866c23571ba60a25d',
    });
    const material = { method: 'POST', pathWithQuery: '/v1/pos/menu/sync', timestamp: '1736937000', nonce: 'nonce_0000000000000001', rawBody: request.body };
    expect(verifySignature(material, 'test_secret_key_123', request.headers['X-Signature'])).toBe(true);
  });

  it('splits 450 items into 200 + 200 + 50 with batch markers and a fresh nonce each', () => {
    const requests = standardAdapter.buildMenuPushRequests(manyItems(450), context());
    expect(requests.map((r) => r.itemIds.length)).toEqual([200, 200, 50]);
    const bodies = requests.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.batch)).toEqual([
      { syncId: 'sync_20250115103000', index: 1, total: 3 },
      { syncId: 'sync_20250115103000', index: 2, total: 3 },
      { syncId: 'sync_20250115103000', index: 3, total: 3 },
    ]);
    expect(bodies[2].menuItems[49].itemId).toBe('menu_0450');
    expect(new Set(requests.map((r) => r.headers['X-Nonce'])).size).toBe(3);
  });

  it('keeps the seed shape (no batch) at exactly 200 items and sends nothing for an empty menu', () => {
    const requests = standardAdapter.buildMenuPushRequests(manyItems(200), context());
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0].body)).not.toHaveProperty('batch');
    expect(standardAdapter.buildMenuPushRequests([], context())).toEqual([]);
  });

  it('refuses a plain-http endpoint and a bad nonce source', () => {
    expect(() => standardAdapter.buildMenuPushRequests([mapoTofu], context({ endpoint: 'http://pos.example.com' }))).toThrow(/https/);
    expect(() => standardAdapter.buildMenuPushRequests([mapoTofu], context({ newNonce: () => 'short' }))).toThrow(/newNonce/);
  });

  it('round-trips menu items through the body the POS receives', () => {
    const [request] = standardAdapter.buildMenuPushRequests([mapoTofu, greenTea], context({ syncType: 'incremental' }));
    const received = parseStandardMenuSyncBody(request.body);
    expect(received.syncType).toBe('incremental');
    expect(received.menuItems).toStrictEqual([mapoTofu, greenTea]);
    // 19.99 元 travels as 19.99 and comes back as exactly 1999 fen
    expect(JSON.parse(request.body).menuItems[1].price).toBe(19.99);
  });
});

describe('standard adapter — menus both ways (the adapter interface)', () => {
  it('toVendorMenu is the seed body; parseInboundMenu restores every canonical field (the standard body carries them all)', () => {
    const ctx = context({ syncType: 'incremental' });
    const body = standardAdapter.toVendorMenu([mapoTofu, greenTea], ctx);
    expect(JSON.stringify(body)).toBe(standardAdapter.buildMenuPushRequests([mapoTofu, greenTea], ctx)[0].body);
    expect(standardAdapter.parseInboundMenu(body)).toStrictEqual([mapoTofu, greenTea]);
    expect(standardAdapter.parseInboundMenu(JSON.stringify(body))).toStrictEqual([mapoTofu, greenTea]);
  });
});

describe('standard adapter — menu push reply', () => {
  const sent = ['menu_001', 'menu_049', 'menu_050'];

  it('maps the seed reply: failedItems fail with their reason, the rest succeed', () => {
    const body = JSON.stringify({
      code: 0,
      message: '同步成功',
      data: { syncId: 'sync_1', totalCount: 3, successCount: 2, failedCount: 1, failedItems: [{ itemId: 'menu_049', reason: '数据格式错误' }] },
    });
    expect(standardAdapter.parseMenuPushReply({ statusCode: 200, body }, sent)).toEqual([
      { itemId: 'menu_001', success: true },
      { itemId: 'menu_049', success: false, reason: '数据格式错误' },
      { itemId: 'menu_050', success: true },
    ]);
  });

  it('fails every item on a non-zero code, an HTTP error or an unreadable body', () => {
    const rejected = standardAdapter.parseMenuPushReply({ statusCode: 200, body: '{"code":40101,"message":"签名错误"}' }, sent);
    expect(rejected.every((r) => !r.success && r.reason === '收银系统拒绝同步: 签名错误')).toBe(true);
    const http = standardAdapter.parseMenuPushReply({ statusCode: 502, body: 'Bad Gateway' }, sent);
    expect(http[0]).toEqual({ itemId: 'menu_001', success: false, reason: '收银系统返回 HTTP 502' });
    const garbage = standardAdapter.parseMenuPushReply({ statusCode: 200, body: '<html>' }, sent);
    expect(garbage[2]).toEqual({ itemId: 'menu_050', success: false, reason: '收银系统回复不是合法的 JSON' });
    const shapeless = standardAdapter.parseMenuPushReply({ statusCode: 200, body: '{"ok":true}' }, sent);
    expect(shapeless[0].success).toBe(false);
  });
});

describe('standard adapter — inbound order', () => {
  const seedPayload = {
    orderId: 'POS_ORDER_202501151030001',
    restaurantId: 'rest_123456',
    orderTime: '2025-01-15T10:30:00Z',
    items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPrice: 38.0, totalPrice: 76.0 }],
    totalAmount: 76.0,
    customerInfo: { customerId: 'customer_001', phone: '138****1234' },
  };

  it('parses the seed order into fen with a normalised time and default sale type', () => {
    expect(standardAdapter.parseInboundOrder(seedPayload)).toStrictEqual(seedOrder);
  });

  it('accepts the same order as a JSON string, yuan strings and +08:00 times', () => {
    const variant = { ...seedPayload, orderTime: '2025-01-15T18:30:00+08:00', totalAmount: '76.00' };
    expect(standardAdapter.parseInboundOrder(JSON.stringify(variant))).toStrictEqual(seedOrder);
  });

  it.each([
    ['seed sale', seedOrder],
    ['refund without customer, awkward amounts', refundOrder],
    ['void with phone only', voidOrder],
  ])('round-trips canonical → vendor → canonical: %s', (_name, order: CanonicalOrder) => {
    expect(standardAdapter.parseInboundOrder(standardAdapter.toVendorOrder(order))).toStrictEqual(order);
  });

  it('rejects sub-fen amounts with a Chinese message naming the field', () => {
    const error = payloadError(() => standardAdapter.parseInboundOrder({ ...seedPayload, items: [{ ...seedPayload.items[0], unitPrice: 38.001 }] }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(40001);
    expect(error.message).toBe('标准协议订单数据格式错误: items.0.unitPrice 金额必须是最多两位小数的非负数（元）');
    expect(error.details?.field).toBe('items.0.unitPrice');
  });

  it('localises zod messages and reports every issue', () => {
    const { orderId: _omit, ...withoutId } = seedPayload;
    const error = payloadError(() => standardAdapter.parseInboundOrder({ ...withoutId, items: [], totalAmount: -1 }));
    expect(error.message).toBe('标准协议订单数据格式错误: orderId 缺少必填字段');
    expect(error.details?.issues?.[2].message).toBe('金额必须是最多两位小数的非负数（元）');
    expect(error.details?.issues?.map((i) => i.path)).toEqual(['orderId', 'items', 'totalAmount']);
    expect(error.details?.issues?.[1].message).toBe('订单至少包含一个菜品');
  });

  it('rejects bad times, transaction types, quantities and JSON', () => {
    expect(payloadError(() => standardAdapter.parseInboundOrder({ ...seedPayload, orderTime: '2025/01/15 10:30' })).details?.field).toBe('orderTime');
    expect(payloadError(() => standardAdapter.parseInboundOrder({ ...seedPayload, transactionType: 'gift' })).details?.field).toBe('transactionType');
    expect(payloadError(() => standardAdapter.parseInboundOrder({ ...seedPayload, items: [{ ...seedPayload.items[0], quantity: 0 }] })).details?.field).toBe(
      'items.0.quantity',
    );
    expect(payloadError(() => standardAdapter.parseInboundOrder('{not json')).message).toBe('标准协议订单数据格式错误: (root) 不是合法的 JSON');
  });
});
