/** Replies of the ordering function's 扫码点餐 actions, as the contract types them, for stubbed page tests. */
export const SCENE = 'A01.k3Y9xQ2mPz';

export const tableSession = (fields: Record<string, unknown> = {}) => ({
  tableId: 'A01',
  tableName: 'A01',
  area: '大厅',
  seats: 4,
  storeId: 's1',
  storeName: '气候餐厅（示范店）',
  cartRound: 0,
  activeOrderIds: [] as string[],
  ...fields,
});

const computed = (kgCo2e: number, baselineKg: number, level: 'low' | 'medium' | 'high') => ({
  status: 'computed',
  kgCo2e,
  baselineKg,
  reductionPercent: Math.round(((baselineKg - kgCo2e) / baselineKg) * 1000) / 10,
  level,
  icon: `https://cdn.example/label-${level}.png`,
  levelText: '低碳排放菜品',
  certification: null,
});

const dish = (fields: Record<string, unknown>) => ({
  imageFileID: '',
  description: '',
  calories: null,
  allergens: [],
  soldOut: false,
  available: true,
  mealTimes: [],
  soldByWeight: false,
  weightUnit: null,
  unitText: '份',
  ...fields,
});

export const dinerMenu = (fields: Record<string, unknown> = {}) => ({
  storeId: 's1',
  storeName: '气候餐厅（示范店）',
  mealTime: 'lunch',
  categories: [
    { _id: 'c-hot', name: '热菜', displayOrder: 1 },
    { _id: 'c-sea', name: '海鲜', displayOrder: 2 },
  ],
  dishes: [
    dish({ dishId: 'd-tofu', name: '素麻婆豆腐', categoryId: 'c-hot', priceFen: 2800, memberPriceFen: 2660, carbon: computed(0.42, 1.2, 'low') }),
    dish({
      dishId: 'd-beef',
      name: '小炒黄牛肉',
      categoryId: 'c-hot',
      priceFen: 5800,
      memberPriceFen: 5510,
      carbon: computed(3.1, 2.5, 'high'),
      soldOut: true,
    }),
    dish({
      dishId: 'd-mush',
      name: '松茸炖鸡',
      categoryId: 'c-hot',
      priceFen: 8800,
      memberPriceFen: 8360,
      carbon: { status: 'pending', levelText: '待计算', reason: '未知食材：松茸' },
    }),
    dish({
      dishId: 'd-fish',
      name: '清蒸鲈鱼',
      categoryId: 'c-sea',
      priceFen: 8800,
      memberPriceFen: 8360,
      carbon: computed(1.1, 1.5, 'medium'),
      soldByWeight: true,
      weightUnit: 'jin',
      unitText: '斤',
    }),
  ],
  memberDiscount: 0.95,
  memberLevelName: '绿叶会员',
  version: 1,
  ...fields,
});

export const cartLine = (fields: Record<string, unknown>) => ({
  lineId: 'A01:0:me:d-tofu',
  dishId: 'd-tofu',
  name: '素麻婆豆腐',
  quantity: 1,
  unitPriceFen: 2800,
  soldByWeight: false,
  remark: '',
  addedBy: '我',
  mine: true,
  ...fields,
});

export const tableCart = (lines: ReturnType<typeof cartLine>[] = [], fields: Record<string, unknown> = {}) => ({
  tableId: 'A01',
  cartRound: 0,
  lines,
  estimatedFen: lines.filter((line) => !line.soldByWeight).reduce((sum, line) => sum + line.quantity * line.unitPriceFen, 0),
  hasWeighedDishes: lines.some((line) => line.soldByWeight),
  ...fields,
});

export const orderLine = (fields: Record<string, unknown>) => ({
  lineNo: 1,
  dishId: 'd-tofu',
  name: '素麻婆豆腐',
  quantity: 2,
  unitPriceFen: 2800,
  amountFen: 5600,
  soldByWeight: false,
  weightUnit: null,
  weighed: true,
  station: 'hot',
  remark: '',
  addition: 0,
  mine: true,
  carbonKg: 0.84,
  ...fields,
});

export const tableOrder = (fields: Record<string, unknown> = {}) => ({
  orderId: 'order_t1',
  orderNumber: '20261204-0001',
  storeId: 's1',
  tableId: 'A01',
  tableName: 'A01',
  status: 'pending',
  statusText: '待确认',
  partySize: 2,
  remarks: '少辣',
  payMode: 'counter',
  splitMode: 'table',
  lines: [orderLine({})],
  additionCount: 0,
  totalFen: 5600,
  memberPriceFen: 5320,
  awaitingWeight: false,
  paid: false,
  paidFen: null,
  paymentMethod: null,
  refundedFen: 0,
  refundStatus: null,
  payable: false,
  canCancel: true,
  canAddDishes: true,
  carbon: { totalKg: 0.84, baselineKg: 2.4, reductionKg: 1.56, reductionPercent: 65, pendingLines: 0 },
  createdAt: '2026-12-04T04:05:00.000Z',
  updatedAt: '2026-12-04T04:05:00.000Z',
  createdAtText: '2026-12-04 12:05',
  ...fields,
});
