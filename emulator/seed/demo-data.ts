import { createHash } from 'node:crypto';
// Product rules through the one seam (see product-seam.ts): demo data the functions would accept.
import {
  Collections,
  DEFAULT_PROGRAM,
  ledgerId,
  levelForPoints,
  newMemberRecord,
  protectPhone,
  seal,
  type MasterKey,
  type MemberRecord,
  type TicketLogRecord,
} from '../product-seam';

/**
 * Demo data for `npm start`. The credentials here are for the local emulator only and are
 * printed by the CLI and documented in the README so the curl example works as printed.
 */
export const DEMO = {
  storeId: 'rest_123456',
  storeName: '气候餐厅（示范店）',
  adminOpenid: 'demo-admin-openid',
  managerOpenid: 'demo-manager-openid',
  clerkOpenid: 'demo-clerk-openid',
  dinerOpenid: 'demo-diner-openid',
  /** the demo diner's phone (stored sealed; staff look the diner up by it) */
  dinerPhone: '13800138000',
  /** a second store: only the admin manages it, so store scoping shows in the demo */
  secondStoreId: 'rest_654321',
  deviceCode: 'XM-DEMO-0001',
  /** 扫码点餐: demo table A01 and its key (scene `tbl_A01.DemoKeyA01`) */
  tableId: 'tbl_A01',
  tableKey: 'DemoKeyA01',
  pos: {
    integrationId: 'posint_demo',
    apiKey: 'pk_demo_rest123456',
    apiSecret: 'sk_demo_9f3b6c2a71d84e0f5a6b7c8d9e0f1a2b',
  },
} as const;

const now = () => new Date();

/**
 * The demo store's cloud printers (qr-live): one 飞鹅 account the printer simulator knows, a hot
 * kitchen printer that also prints receipts, and a cold-dishes/drinks printer.
 */
export const DEMO_PRINTING = {
  user: 'demo@climate-restaurant.cn',
  ukey: 'DemoUkey9f3b6c2a',
  printers: [
    { printerId: 'p_hot', name: '热菜档口', vendor: 'feie', sn: '960000001', stations: ['hot'], receipts: true, copies: 1, enabled: true },
    { printerId: 'p_cold', name: '凉菜饮品档口', vendor: 'feie', sn: '960000002', stations: ['cold', 'drinks'], receipts: false, copies: 1, enabled: true },
  ],
} as const;

/**
 * The simulated POS the demo integration talks to (simulators/pos.ts sets it when the emulator
 * configures the functions for it, before seeding). Without one the demo integration has no
 * outbound addresses, as before.
 */
let demoPosBaseUrl = '';
export function useDemoPosSimulator(baseUrl: string): void {
  demoPosBaseUrl = baseUrl;
}

export function demoDocuments(master: MasterKey): Record<string, Record<string, unknown>[]> {
  const created = now();
  return {
    stores: [
      {
        _id: DEMO.storeId,
        code: 'SH-001',
        name: DEMO.storeName,
        type: '餐厅',
        property: '直营',
        address: '上海市徐汇区示范路 88 号',
        phone: '021-00000000',
        status: 'active',
        createdAt: created,
      },
      {
        _id: DEMO.secondStoreId,
        code: 'SH-002',
        name: '气候餐厅（徐汇滨江店）',
        type: '餐厅',
        property: '直营',
        address: '上海市徐汇区滨江大道 1 号',
        phone: '021-00000001',
        status: 'active',
        createdAt: created,
      },
    ],
    staff: [
      {
        _id: 'staff_demo_admin',
        openid: DEMO.adminOpenid,
        name: '示范管理员',
        role: 'admin',
        storeIds: [DEMO.storeId, DEMO.secondStoreId],
        status: 'active',
        createdAt: created,
      },
      {
        _id: 'staff_demo_manager',
        openid: DEMO.managerOpenid,
        name: '示范店长',
        role: 'manager',
        storeIds: [DEMO.storeId],
        status: 'active',
        createdAt: created,
      },
      { _id: 'staff_demo_clerk', openid: DEMO.clerkOpenid, name: '示范店员', role: 'clerk', storeIds: [DEMO.storeId], status: 'active', createdAt: created },
    ],
    devices: [
      {
        _id: 'device_demo_001',
        deviceCode: DEMO.deviceCode,
        storeId: DEMO.storeId,
        name: '一号智能柜',
        vendor: 'xiaomai',
        onlineStatus: 'online',
        status: 'active',
        createdAt: created,
      },
    ],
    menu_items: [
      demoDish(
        'menu_001',
        '素麻婆豆腐',
        '主菜',
        3800,
        [
          { ingredientName: '豆腐', quantity: 200, unit: 'g' },
          { ingredientName: '豆瓣酱', quantity: 15, unit: 'g' },
          { ingredientName: '食用油', quantity: 10, unit: 'ml' },
        ],
        'stir_fried',
      ),
      demoDish(
        'menu_002',
        '番茄炒蛋',
        '主菜',
        2800,
        [
          { ingredientName: '番茄', quantity: 150, unit: 'g' },
          { ingredientName: '鸡蛋', quantity: 2, unit: '个' },
        ],
        'stir_fried',
      ),
      demoDish('menu_003', '清炒时蔬', '素菜', 2200, [{ ingredientName: '青菜', quantity: 250, unit: 'g' }], 'stir_fried'),
      demoDish('menu_004', '米饭', '主食', 300, [{ ingredientName: '米饭', quantity: 1, unit: '份' }], 'steamed'),
      // 扫码点餐: a weighed dish (price per 斤, weighed by staff before confirmation)
      {
        ...demoDish('menu_005', '清蒸鲈鱼', '海鲜', 8800, [{ ingredientName: '鲈鱼', quantity: 500, unit: 'g' }], 'steamed'),
        unit: '斤',
        soldByWeight: true,
        weightUnit: 'jin',
        categoryId: 'cat_demo_hot',
      },
    ],
    menu_categories: [
      { _id: 'cat_demo_hot', storeId: DEMO.storeId, name: '主菜', station: 'hot', displayOrder: 1, createdAt: created, updatedAt: created },
      { _id: 'cat_demo_veg', storeId: DEMO.storeId, name: '素菜', station: 'hot', displayOrder: 2, createdAt: created, updatedAt: created },
      { _id: 'cat_demo_staple', storeId: DEMO.storeId, name: '主食', station: 'cold', displayOrder: 3, createdAt: created, updatedAt: created },
    ],
    tables: [
      {
        _id: DEMO.tableId,
        storeId: DEMO.storeId,
        name: 'A01',
        area: '大厅',
        seats: 4,
        status: 'active',
        key: DEMO.tableKey,
        cartRound: 0,
        keyRotatedAt: created,
        createdAt: created,
        updatedAt: created,
      },
    ],
    pos_integrations: [
      {
        _id: DEMO.pos.integrationId,
        name: '示范收银系统',
        vendor: 'standard',
        storeId: DEMO.storeId,
        restaurantId: DEMO.storeId,
        apiKey: DEMO.pos.apiKey,
        secret: seal(DEMO.pos.apiSecret, master, DEMO.pos.apiKey),
        secretFingerprint: createHash('sha256').update(DEMO.pos.apiSecret).digest('hex').slice(0, 12),
        previousSecrets: [],
        endpoint: demoPosBaseUrl,
        webhookUrl: demoPosBaseUrl ? `${demoPosBaseUrl}/webhooks` : '',
        events: ['menu.sync.completed', 'order.carbon.calculated', 'carbon.label.updated'],
        ipWhitelist: [],
        rateLimitPerMinute: 100,
        status: 'active',
        createdAt: created,
        updatedAt: created,
      },
    ],
    // One pending order for the demo diner: pay it in local mode through the WeChat Pay simulator.
    orders: [
      {
        _id: 'order_demo_pay_001',
        storeId: DEMO.storeId,
        openid: DEMO.dinerOpenid,
        source: 'table',
        title: '气候餐厅-示范订单',
        items: [
          { itemId: 'menu_001', name: '素麻婆豆腐', qty: 1, priceFen: 3800 },
          { itemId: 'menu_002', name: '番茄炒蛋', qty: 1, priceFen: 2800 },
          { itemId: 'menu_004', name: '米饭', qty: 1, priceFen: 300 },
        ],
        totalFen: 6900,
        status: 'pending',
        createdAt: created,
        updatedAt: created,
      },
    ],
    ...demoMember(created, master),
    store_printers: [
      {
        _id: DEMO.storeId,
        storeId: DEMO.storeId,
        // sealed as ordering seals it: AAD `feie:<storeId>` (printing/application/attempt.ts)
        feie: { user: DEMO_PRINTING.user, ukey: seal(DEMO_PRINTING.ukey, master, `feie:${DEMO.storeId}`) },
        printers: DEMO_PRINTING.printers.map((p) => ({ ...p, stations: [...p.stations] })),
        updatedAt: created,
      },
    ],
    [Collections.memberRewards]: demoRewards(created),
  };
}

/** The demo diner's opening gift tickets: one staff top-up, written as the ledger writes it. */
const DEMO_TICKETS = 50000;

/**
 * The demo diner as a real member document — built by the member code's own builder, `_id` =
 * openid, level derived from totalEarned — with balances that equal the ledgers: the tickets
 * come from one top-up row, and the points ledger is empty, so points stay 0 until the demo
 * order is paid (the walkthrough in docs/payments.md).
 */
function demoMember(created: Date, master: MasterKey): Record<string, Record<string, unknown>[]> {
  const openid = DEMO.dinerOpenid;
  const topUpId = `${openid}:demo-seed-tickets`;
  // The phone is stored as the member function stores it: sealed, with its blind index and claim.
  const phone = protectPhone(openid, DEMO.dinerPhone, master);
  const member: MemberRecord = {
    ...newMemberRecord(openid, levelForPoints(0, DEFAULT_PROGRAM.levels), created),
    nickname: '示范顾客',
    ...phone,
    tickets: DEMO_TICKETS,
  };
  const topUp: TicketLogRecord = {
    _id: ledgerId('topup', topUpId),
    openid,
    tickets: DEMO_TICKETS,
    reason: '示范数据：开业赠送礼票',
    sourceType: 'topup',
    sourceId: topUpId,
    balanceAfter: DEMO_TICKETS,
    createdAt: created,
    operatorOpenid: DEMO.adminOpenid,
  };
  return {
    [Collections.members]: [{ ...member }],
    [Collections.memberTicketLogs]: [{ ...topUp }],
    [Collections.memberPhoneClaims]: [{ _id: phone.phoneIndex, openid, createdAt: created }],
  };
}

/** The points-redemption catalogue of the demo (member_rewards). */
function demoRewards(created: Date): Record<string, unknown>[] {
  const reward = (id: string, name: string, description: string, pointsCost: number, stock: number, storeIds: string[] = []) => ({
    _id: id,
    name,
    description,
    pointsCost,
    stock,
    active: true,
    storeIds,
    createdAt: created,
    updatedAt: created,
    updatedBy: DEMO.adminOpenid,
  });
  return [
    reward('rwd_demo_drink', '有机豆浆一杯', '到店出示兑换码领取', 30, 100),
    reward('rwd_demo_dessert', '桂花糕一份', '到店出示兑换码领取', 60, 50),
    reward('rwd_demo_bag', '气候餐厅环保袋', '仅示范店可领', 200, 20, [DEMO.storeId]),
  ];
}

function demoDish(
  itemId: string,
  itemName: string,
  category: string,
  priceFen: number,
  ingredients: { ingredientName: string; quantity: number; unit: string }[],
  cookingMethod: string,
) {
  return {
    _id: `${DEMO.storeId}:${itemId}`,
    storeId: DEMO.storeId,
    itemId,
    itemName,
    category,
    priceFen,
    unit: '份',
    status: 'active',
    ingredients,
    cookingMethod,
    updatedAt: now(),
  };
}
