/**
 * 美团收银 (Meituan catering open platform) adapter.
 *
 * From the vendor's public SDKs (FACTS.md, verified only against public code, not a sandbox):
 * - form POST with system parameters developerId, businessId, timestamp (s), charset,
 *   version=2, appAuthToken and biz (a JSON string of the business fields);
 * - sign = lowercase SHA-1(signKey + sorted non-empty params) (signing/meituan.ts);
 * - success replies carry code "OP_SUCCESS".
 *
 * ASSUMED — confirm in the vendor sandbox:
 * - the menu push path (default /rms/dish/batchSync, override with vendorConfig.menuPushPath;
 *   the host is the integration endpoint) and biz { dishes[{ eDishCode, dishName, categoryName,
 *   price (分), unit, status 1 上架 / 0 下架, description }] } — eDishCode is recalled from
 *   Meituan's ERP dish-mapping fields, not checked;
 * - the failure message field (msg or message) and all-or-nothing batch replies;
 * - the order shape { orderId, ePoiId, orderTime (s), orderType 1 销售 / 2 退款 / 3 作废,
 *   totalPrice (分), dishes[{ eDishCode, dishName, count, price, totalPrice }],
 *   userInfo{ userId, phone } }; callbacks may deliver it as a JSON string.
 */
import { z } from 'zod';
import type { CanonicalMenuItem, CanonicalMenuItemCore, CanonicalOrder, TransactionType } from '../domain/canonical';
import { carbonLabelText } from './carbon-text';
import { chunk } from './chunk';
import { requireVendorConfig } from './errors';
import { epochSecondsFromIso } from './instant';
import { readJsonReply, sameResultForAll } from './menu-push-reply';
import { FORM_CONTENT_TYPE, encodeForm, joinUrl } from './outbound';
import { parseVendorPayload } from './parse-payload';
import {
  customerOf,
  dishStatusCode,
  dishStatusField,
  epochSecondsField,
  fenField,
  idText,
  optionalText,
  positiveQuantity,
  requiredText,
} from './payload-fields';
import { meituanSign, type MeituanSignInput } from './signing/meituan';
import type { AdapterContext, MenuPushItemResult, MenuPushRequest, PosAdapter, VendorReply } from './types';

const VENDOR_NAME = '美团收银';
export const MEITUAN_DEFAULT_MENU_PUSH_PATH = '/rms/dish/batchSync';
const API_VERSION = '2';
const SUCCESS_CODE = 'OP_SUCCESS';

export interface MeituanDish {
  eDishCode: string;
  dishName: string;
  categoryName: string;
  price: number;
  unit: string;
  status: 1 | 0;
  description: string;
}

/** the `biz` of a menu push (sent as its JSON text) */
export interface MeituanMenu {
  dishes: MeituanDish[];
}

export interface MeituanOrder {
  orderId: string;
  ePoiId: string;
  orderTime: number;
  orderType: 1 | 2 | 3;
  totalPrice: number;
  dishes: { eDishCode: string; dishName: string; count: number; price: number; totalPrice: number }[];
  userInfo?: { userId?: string; phone?: string };
}

const ORDER_TYPES: Readonly<Record<TransactionType, MeituanOrder['orderType']>> = { sale: 1, refund: 2, void: 3 };
const TRANSACTION_TYPES: Readonly<Record<MeituanOrder['orderType'], TransactionType>> = { 1: 'sale', 2: 'refund', 3: 'void' };

function toMeituanDish(item: CanonicalMenuItem): MeituanDish {
  return {
    eDishCode: item.itemId,
    dishName: item.itemName,
    categoryName: item.category,
    price: item.priceFen,
    unit: item.unit,
    status: dishStatusCode(item.status),
    description: carbonLabelText(item),
  };
}

export function toMeituanMenu(items: readonly CanonicalMenuItem[]): MeituanMenu {
  return { dishes: items.map(toMeituanDish) };
}

export function buildMeituanMenuPushRequests(items: readonly CanonicalMenuItem[], ctx: AdapterContext): MenuPushRequest[] {
  const developerId = requireVendorConfig(ctx.vendorConfig, 'developerId', VENDOR_NAME);
  const businessId = requireVendorConfig(ctx.vendorConfig, 'businessId', VENDOR_NAME);
  const appAuthToken = requireVendorConfig(ctx.vendorConfig, 'appAuthToken', VENDOR_NAME);
  const url = joinUrl(ctx.endpoint, ctx.vendorConfig.menuPushPath || MEITUAN_DEFAULT_MENU_PUSH_PATH);
  const timestamp = String(Math.floor(ctx.now.getTime() / 1000));
  return chunk(items).map((batch) => {
    const params: Record<string, string> = {
      developerId,
      businessId,
      timestamp,
      charset: 'UTF-8',
      version: API_VERSION,
      appAuthToken,
      biz: JSON.stringify(toMeituanMenu(batch)),
    };
    const sign = meituanSign({ params }, ctx.secret);
    return {
      method: 'POST',
      url,
      headers: { 'Content-Type': FORM_CONTENT_TYPE },
      body: encodeForm([...Object.entries(params), ['sign', sign]]),
      itemIds: batch.map((item) => item.itemId),
    };
  });
}

const replySchema = z.object({ code: z.union([z.string(), z.number()]), msg: z.string().nullish(), message: z.string().nullish() });

export function parseMeituanMenuPushReply(reply: VendorReply, sentItemIds: readonly string[]): MenuPushItemResult[] {
  const read = readJsonReply(reply, VENDOR_NAME);
  if (!read.ok) return sameResultForAll(sentItemIds, false, read.reason);
  const parsed = replySchema.safeParse(read.json);
  if (!parsed.success) return sameResultForAll(sentItemIds, false, `${VENDOR_NAME}回复缺少 code`);
  if (parsed.data.code === SUCCESS_CODE) return sameResultForAll(sentItemIds, true);
  return sameResultForAll(sentItemIds, false, `${VENDOR_NAME}拒绝同步: ${parsed.data.msg || parsed.data.message || `错误码 ${parsed.data.code}`}`);
}

// description is our carbon label text on the way out; inbound the platform computes carbon itself.
const menuSchema = z.object({
  dishes: z.array(
    z.object({ eDishCode: idText, dishName: requiredText, categoryName: requiredText, price: fenField, unit: requiredText, status: dishStatusField }),
  ),
});

/** A 美团 dish list (the menu push `biz`, object or JSON text) → canonical items. */
export function parseMeituanMenu(payload: unknown): CanonicalMenuItemCore[] {
  const menu = parseVendorPayload(menuSchema, payload, VENDOR_NAME, '菜单');
  return menu.dishes.map((d) => ({ itemId: d.eDishCode, itemName: d.dishName, category: d.categoryName, priceFen: d.price, unit: d.unit, status: d.status }));
}

const orderSchema = z.object({
  orderId: idText,
  ePoiId: idText,
  orderTime: epochSecondsField,
  orderType: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: '订单类型必须是 1（销售）、2（退款）或 3（作废）' }),
  totalPrice: fenField,
  dishes: z
    .array(z.object({ eDishCode: idText, dishName: requiredText, count: positiveQuantity, price: fenField, totalPrice: fenField }))
    .min(1, '订单至少包含一个菜品'),
  userInfo: z.object({ userId: optionalText, phone: optionalText }).nullish(),
});

export function parseMeituanOrder(payload: unknown): CanonicalOrder {
  const o = parseVendorPayload(orderSchema, payload, VENDOR_NAME);
  return {
    orderId: o.orderId,
    restaurantId: o.ePoiId,
    orderTime: o.orderTime,
    transactionType: TRANSACTION_TYPES[o.orderType],
    items: o.dishes.map((d) => ({ menuItemId: d.eDishCode, itemName: d.dishName, quantity: d.count, unitPriceFen: d.price, totalPriceFen: d.totalPrice })),
    totalAmountFen: o.totalPrice,
    ...customerOf(o.userInfo?.userId, o.userInfo?.phone),
  };
}

export function toMeituanOrder(order: CanonicalOrder): MeituanOrder {
  return {
    orderId: order.orderId,
    ePoiId: order.restaurantId,
    orderTime: epochSecondsFromIso(order.orderTime),
    orderType: ORDER_TYPES[order.transactionType],
    totalPrice: order.totalAmountFen,
    dishes: order.items.map((i) => ({ eDishCode: i.menuItemId, dishName: i.itemName, count: i.quantity, price: i.unitPriceFen, totalPrice: i.totalPriceFen })),
    ...(order.customer && {
      userInfo: {
        ...(order.customer.customerId !== undefined && { userId: order.customer.customerId }),
        ...(order.customer.phone !== undefined && { phone: order.customer.phone }),
      },
    }),
  };
}

export const meituanAdapter: PosAdapter<MeituanSignInput, MeituanOrder, MeituanMenu> = {
  vendor: 'meituan',
  displayName: VENDOR_NAME,
  buildMenuPushRequests: buildMeituanMenuPushRequests,
  parseMenuPushReply: parseMeituanMenuPushReply,
  toVendorMenu: toMeituanMenu,
  parseInboundMenu: parseMeituanMenu,
  parseInboundOrder: parseMeituanOrder,
  toVendorOrder: toMeituanOrder,
  sign: meituanSign,
};
