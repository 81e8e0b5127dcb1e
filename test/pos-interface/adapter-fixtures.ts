/** Shared inputs for the adapter tests (not a test file itself). */
import type { CanonicalMenuItem, CanonicalMenuItemCore, CanonicalOrder } from '../../cloudfunctions/pos-interface/src/domain/canonical';
import type { AdapterContext } from '../../cloudfunctions/pos-interface/src/adapters/types';

/** The seed design's menu item 素麻婆豆腐, in canonical form. */
export const mapoTofu: CanonicalMenuItem = {
  itemId: 'menu_001',
  itemName: '素麻婆豆腐',
  category: '主菜',
  priceFen: 3800,
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
};

/** A plain item without carbon data, priced with a float-hostile amount (19.99 元). */
export const greenTea: CanonicalMenuItem = {
  itemId: 'menu_002',
  itemName: '绿茶',
  category: '饮品',
  priceFen: 1999,
  unit: '杯',
  status: 'inactive',
  ingredients: [],
  updatedAt: '2025-01-15T10:31:00.000Z',
};

/** The fields every vendor menu format carries: what a vendor round trip must preserve exactly. */
export function menuCore(item: CanonicalMenuItem): CanonicalMenuItemCore {
  return { itemId: item.itemId, itemName: item.itemName, category: item.category, priceFen: item.priceFen, unit: item.unit, status: item.status };
}

/** Menu items with awkward values: 0.01 元, a large price, a numeric-looking id, inactive. */
export const oddMenuItems: CanonicalMenuItem[] = [
  { ...greenTea, itemId: '000123', itemName: '一分钱茶', priceFen: 1 },
  { ...greenTea, itemId: 'menu_big', itemName: '整桌宴席', category: '宴席', priceFen: 123456789, unit: '桌', status: 'active' },
];

export function manyItems(count: number): CanonicalMenuItem[] {
  return Array.from({ length: count }, (_, i) => ({ ...greenTea, itemId: `menu_${String(i + 1).padStart(4, '0')}`, itemName: `菜品${i + 1}` }));
}

/** The seed design's order: 2 × 素麻婆豆腐 at 38.00 元. */
export const seedOrder: CanonicalOrder = {
  orderId: 'POS_ORDER_202501151030001',
  restaurantId: 'rest_123456',
  orderTime: '2025-01-15T10:30:00.000Z',
  transactionType: 'sale',
  items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPriceFen: 3800, totalPriceFen: 7600 }],
  totalAmountFen: 7600,
  customer: { customerId: 'customer_001', phone: '138****1234' },
};

/** A refund with awkward amounts (0.01 元, 0.29 元 = 0.1 + 0.19, 1 234 567.89 元) and no customer. */
export const refundOrder: CanonicalOrder = {
  orderId: 'R-20250115-0001',
  restaurantId: '810094162',
  orderTime: '2025-01-15T12:00:05.000Z',
  transactionType: 'refund',
  items: [
    { menuItemId: 'menu_002', itemName: '绿茶', quantity: 1, unitPriceFen: 1, totalPriceFen: 1 },
    { menuItemId: 'menu_003', itemName: '酸梅汤', quantity: 3, unitPriceFen: 29, totalPriceFen: 87 },
    { menuItemId: 'menu_004', itemName: '整桌宴席', quantity: 1, unitPriceFen: 123456789, totalPriceFen: 123456789 },
  ],
  totalAmountFen: 123456877,
};

export const voidOrder: CanonicalOrder = { ...seedOrder, orderId: 'V-1', transactionType: 'void', customer: { phone: '139****0000' } };

export function context(overrides: Partial<AdapterContext> = {}): AdapterContext {
  let counter = 0;
  return {
    restaurantId: 'rest_123456',
    endpoint: 'https://pos.example.com/v1/pos',
    apiKey: 'ak_test_001',
    secret: 'test_secret_key_123',
    vendorConfig: {},
    now: new Date('2025-01-15T10:30:00Z'),
    newNonce: () => `nonce_${String(++counter).padStart(16, '0')}`,
    syncType: 'full',
    syncId: 'sync_20250115103000',
    ...overrides,
  };
}
