/**
 * 客如云 (Keruyun) adapter.
 *
 * From the vendor's public SDKs (FACTS.md, verified only against public code, not a sandbox):
 * - host openapi.keruyun.com, paths under /open/standard/…;
 * - public query parameters appKey, shopIdenty, version, timestamp and sign;
 * - sign = SHA-256 over sorted params + "body" + JSON body + token (signing/keruyun.ts);
 * - JSON replies carry `code` (0 = success) and `message`.
 *
 * ASSUMED — not confirmed by any public document we have; confirm in the vendor sandbox:
 * - timestamp in unix seconds (public snippets disagree: some send milliseconds);
 * - the menu push path (default /open/standard/dish/shop/batchSave, override with
 *   vendorConfig.menuPushPath) and its body { shopIdenty, dishes[{ outerDishId, dishName,
 *   dishTypeName, price, unit, status, description }] };
 * - amounts in integer fen (分) and status 1 = 上架 / 0 = 下架;
 * - the order shape { orderId, shopIdenty, tradeTime (ms), tradeType 1 销售 / 2 退货 / 3 作废,
 *   tradeAmount, dishes[{ outerDishId, dishName, quantity, price, amount }], customer{ customerId, mobile } },
 *   where outerDishId echoes the itemId we pushed;
 * - a batch reply is all-or-nothing (no per-dish failure list).
 */
import { z } from 'zod';
import type { CanonicalMenuItem, CanonicalMenuItemCore, CanonicalOrder, TransactionType } from '../domain/canonical';
import { carbonLabelText } from './carbon-text';
import { chunk } from './chunk';
import { requireVendorConfig } from './errors';
import { epochMsFromIso } from './instant';
import { readJsonReply, sameResultForAll } from './menu-push-reply';
import { JSON_CONTENT_TYPE, encodeForm, joinUrl } from './outbound';
import { parseVendorPayload } from './parse-payload';
import { customerOf, dishStatusCode, dishStatusField, epochMsField, fenField, idText, optionalText, positiveQuantity, requiredText } from './payload-fields';
import { keruyunSign, type KeruyunSignInput } from './signing/keruyun';
import type { AdapterContext, MenuPushItemResult, MenuPushRequest, PosAdapter, VendorReply } from './types';

const VENDOR_NAME = '客如云';
export const KERUYUN_DEFAULT_MENU_PUSH_PATH = '/open/standard/dish/shop/batchSave';
const DEFAULT_VERSION = '1.0';

export interface KeruyunDish {
  outerDishId: string;
  dishName: string;
  dishTypeName: string;
  price: number;
  unit: string;
  status: 1 | 0;
  description: string;
}

/** the body of a menu push: one shop's dishes */
export interface KeruyunMenu {
  shopIdenty: number | string;
  dishes: KeruyunDish[];
}

export interface KeruyunOrder {
  orderId: string;
  shopIdenty: number | string;
  tradeTime: number;
  tradeType: 1 | 2 | 3;
  tradeAmount: number;
  dishes: { outerDishId: string; dishName: string; quantity: number; price: number; amount: number }[];
  customer?: { customerId?: string; mobile?: string };
}

const TRADE_TYPES: Readonly<Record<TransactionType, KeruyunOrder['tradeType']>> = { sale: 1, refund: 2, void: 3 };
const TRANSACTION_TYPES: Readonly<Record<KeruyunOrder['tradeType'], TransactionType>> = { 1: 'sale', 2: 'refund', 3: 'void' };

/** shopIdenty is a Long in 客如云; keep it a string when it would not survive the conversion. */
function shopIdentyValue(id: string): number | string {
  return /^[1-9]\d*$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}

function toKeruyunDish(item: CanonicalMenuItem): KeruyunDish {
  return {
    outerDishId: item.itemId,
    dishName: item.itemName,
    dishTypeName: item.category,
    price: item.priceFen,
    unit: item.unit,
    status: dishStatusCode(item.status),
    description: carbonLabelText(item),
  };
}

export function toKeruyunMenu(items: readonly CanonicalMenuItem[], ctx: AdapterContext): KeruyunMenu {
  const shopIdenty = requireVendorConfig(ctx.vendorConfig, 'shopIdenty', VENDOR_NAME);
  return { shopIdenty: shopIdentyValue(shopIdenty), dishes: items.map(toKeruyunDish) };
}

export function buildKeruyunMenuPushRequests(items: readonly CanonicalMenuItem[], ctx: AdapterContext): MenuPushRequest[] {
  const appKey = requireVendorConfig(ctx.vendorConfig, 'appKey', VENDOR_NAME);
  const shopIdenty = requireVendorConfig(ctx.vendorConfig, 'shopIdenty', VENDOR_NAME);
  const version = ctx.vendorConfig.version || DEFAULT_VERSION;
  const base = joinUrl(ctx.endpoint, ctx.vendorConfig.menuPushPath || KERUYUN_DEFAULT_MENU_PUSH_PATH);
  const timestamp = String(Math.floor(ctx.now.getTime() / 1000));
  return chunk(items).map((batch) => {
    const body = JSON.stringify(toKeruyunMenu(batch, ctx));
    const params = { appKey, shopIdenty, timestamp, version };
    const sign = keruyunSign({ params, body }, ctx.secret);
    const query = encodeForm([...Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)), ['sign', sign]]);
    return {
      method: 'POST',
      url: `${base}?${query}`,
      headers: { 'Content-Type': JSON_CONTENT_TYPE },
      body,
      itemIds: batch.map((item) => item.itemId),
    };
  });
}

const replySchema = z.object({ code: z.union([z.number(), z.string()]), message: z.string().optional() });

export function parseKeruyunMenuPushReply(reply: VendorReply, sentItemIds: readonly string[]): MenuPushItemResult[] {
  const read = readJsonReply(reply, VENDOR_NAME);
  if (!read.ok) return sameResultForAll(sentItemIds, false, read.reason);
  const parsed = replySchema.safeParse(read.json);
  if (!parsed.success) return sameResultForAll(sentItemIds, false, `${VENDOR_NAME}回复缺少 code`);
  if (Number(parsed.data.code) === 0) return sameResultForAll(sentItemIds, true);
  return sameResultForAll(sentItemIds, false, `${VENDOR_NAME}拒绝同步: ${parsed.data.message || `错误码 ${parsed.data.code}`}`);
}

// The description is our carbon label text on the way out; inbound the platform computes carbon itself.
const menuSchema = z.object({
  shopIdenty: idText.optional(),
  dishes: z.array(
    z.object({ outerDishId: idText, dishName: requiredText, dishTypeName: requiredText, price: fenField, unit: requiredText, status: dishStatusField }),
  ),
});

/** A 客如云 dish list (the menu push body shape) → canonical items. */
export function parseKeruyunMenu(payload: unknown): CanonicalMenuItemCore[] {
  const menu = parseVendorPayload(menuSchema, payload, VENDOR_NAME, '菜单');
  return menu.dishes.map((d) => ({ itemId: d.outerDishId, itemName: d.dishName, category: d.dishTypeName, priceFen: d.price, unit: d.unit, status: d.status }));
}

const orderSchema = z.object({
  orderId: idText,
  shopIdenty: idText,
  tradeTime: epochMsField,
  tradeType: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: '交易类型必须是 1（销售）、2（退货）或 3（作废）' }),
  tradeAmount: fenField,
  dishes: z
    .array(z.object({ outerDishId: idText, dishName: requiredText, quantity: positiveQuantity, price: fenField, amount: fenField }))
    .min(1, '订单至少包含一个菜品'),
  customer: z.object({ customerId: optionalText, mobile: optionalText }).nullish(),
});

export function parseKeruyunOrder(payload: unknown): CanonicalOrder {
  const o = parseVendorPayload(orderSchema, payload, VENDOR_NAME);
  return {
    orderId: o.orderId,
    restaurantId: o.shopIdenty,
    orderTime: o.tradeTime,
    transactionType: TRANSACTION_TYPES[o.tradeType],
    items: o.dishes.map((d) => ({ menuItemId: d.outerDishId, itemName: d.dishName, quantity: d.quantity, unitPriceFen: d.price, totalPriceFen: d.amount })),
    totalAmountFen: o.tradeAmount,
    ...customerOf(o.customer?.customerId, o.customer?.mobile),
  };
}

export function toKeruyunOrder(order: CanonicalOrder): KeruyunOrder {
  return {
    orderId: order.orderId,
    shopIdenty: shopIdentyValue(order.restaurantId),
    tradeTime: epochMsFromIso(order.orderTime),
    tradeType: TRADE_TYPES[order.transactionType],
    tradeAmount: order.totalAmountFen,
    dishes: order.items.map((i) => ({ outerDishId: i.menuItemId, dishName: i.itemName, quantity: i.quantity, price: i.unitPriceFen, amount: i.totalPriceFen })),
    ...(order.customer && {
      customer: {
        ...(order.customer.customerId !== undefined && { customerId: order.customer.customerId }),
        ...(order.customer.phone !== undefined && { mobile: order.customer.phone }),
      },
    }),
  };
}

export const keruyunAdapter: PosAdapter<KeruyunSignInput, KeruyunOrder, KeruyunMenu> = {
  vendor: 'keruyun',
  displayName: VENDOR_NAME,
  buildMenuPushRequests: buildKeruyunMenuPushRequests,
  parseMenuPushReply: parseKeruyunMenuPushReply,
  toVendorMenu: toKeruyunMenu,
  parseInboundMenu: parseKeruyunMenu,
  parseInboundOrder: parseKeruyunOrder,
  toVendorOrder: toKeruyunOrder,
  sign: keruyunSign,
};
