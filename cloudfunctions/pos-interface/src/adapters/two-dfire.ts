/**
 * 二维火 (2dfire) adapter, vendor id `2dfire`.
 *
 * From the vendor's public SDKs (FACTS.md, verified only against public code, not a sandbox):
 * - one gateway: POST https://open.2dfire.com/router, form-encoded;
 * - system parameters method, v=1.0, timestamp (ms), appKey, entityId, sign;
 * - sign = UPPER(SHA-1(secret + sorted params + secret)) (signing/two-dfire.ts);
 * - replies { success, model } (plus a message on failure);
 * - order items in public code carry menuId, name, num, price, fee with money in yuan.
 *
 * ASSUMED — confirm in the vendor sandbox:
 * - the menu push method name (default dfire.shop.menu.batch.save, override with
 *   vendorConfig.menuPushMethod) and its parameter `menus`: a JSON array of
 *   { outMenuId, name, kindName, price (元), unit, status 1 上架 / 0 下架, memo };
 * - the failure message field (message or msg) and all-or-nothing batch replies;
 * - the order shape { orderVo{ orderId, entityId, openTime (ms), orderType 1 销售 / 2 退款 / 3 作废 },
 *   instanceVoList[{ menuId, name, num, price, fee }], totalPayVo{ resultAmount }, customer{ customerRegisterId, mobile } },
 *   where menuId echoes the outMenuId we pushed.
 * entityId keeps its leading zeros ("00138102"), so it is always a string.
 */
import { z } from 'zod';
import { fenToYuan } from '../../../shared/domain/money';
import type { CanonicalMenuItem, CanonicalMenuItemCore, CanonicalOrder, TransactionType } from '../domain/canonical';
import { carbonLabelText } from './carbon-text';
import { chunk } from './chunk';
import { requireVendorConfig } from './errors';
import { epochMsFromIso } from './instant';
import { readJsonReply, sameResultForAll } from './menu-push-reply';
import { FORM_CONTENT_TYPE, encodeForm, joinUrl } from './outbound';
import { parseVendorPayload } from './parse-payload';
import {
  customerOf,
  dishStatusCode,
  dishStatusField,
  epochMsField,
  idText,
  optionalText,
  positiveQuantity,
  requiredText,
  yuanToFenField,
} from './payload-fields';
import { twoDfireSign, type TwoDfireSignInput } from './signing/two-dfire';
import type { AdapterContext, MenuPushItemResult, MenuPushRequest, PosAdapter, VendorReply } from './types';

const VENDOR_NAME = '二维火';
export const TWO_DFIRE_DEFAULT_MENU_PUSH_METHOD = 'dfire.shop.menu.batch.save';
const API_VERSION = '1.0';

export interface TwoDfireMenu {
  outMenuId: string;
  name: string;
  kindName: string;
  price: number;
  unit: string;
  status: 1 | 0;
  memo: string;
}

export interface TwoDfireOrder {
  orderVo: { orderId: string; entityId: string; openTime: number; orderType: 1 | 2 | 3 };
  instanceVoList: { menuId: string; name: string; num: number; price: number; fee: number }[];
  totalPayVo: { resultAmount: number };
  customer?: { customerRegisterId?: string; mobile?: string };
}

const ORDER_TYPES: Readonly<Record<TransactionType, TwoDfireOrder['orderVo']['orderType']>> = { sale: 1, refund: 2, void: 3 };
const TRANSACTION_TYPES: Readonly<Record<TwoDfireOrder['orderVo']['orderType'], TransactionType>> = { 1: 'sale', 2: 'refund', 3: 'void' };

function toTwoDfireMenu(item: CanonicalMenuItem): TwoDfireMenu {
  return {
    outMenuId: item.itemId,
    name: item.itemName,
    kindName: item.category,
    price: fenToYuan(item.priceFen),
    unit: item.unit,
    status: dishStatusCode(item.status),
    memo: carbonLabelText(item),
  };
}

/** the `menus` parameter of a menu push (sent as its JSON text) */
export function toTwoDfireMenus(items: readonly CanonicalMenuItem[]): TwoDfireMenu[] {
  return items.map(toTwoDfireMenu);
}

export function buildTwoDfireMenuPushRequests(items: readonly CanonicalMenuItem[], ctx: AdapterContext): MenuPushRequest[] {
  const appKey = requireVendorConfig(ctx.vendorConfig, 'appKey', VENDOR_NAME);
  const entityId = requireVendorConfig(ctx.vendorConfig, 'entityId', VENDOR_NAME);
  const method = ctx.vendorConfig.menuPushMethod || TWO_DFIRE_DEFAULT_MENU_PUSH_METHOD;
  const url = joinUrl(ctx.endpoint, '');
  const timestamp = String(ctx.now.getTime());
  return chunk(items).map((batch) => {
    const params: Record<string, string> = {
      method,
      v: API_VERSION,
      timestamp,
      appKey,
      entityId,
      menus: JSON.stringify(toTwoDfireMenus(batch)),
    };
    const sign = twoDfireSign({ params }, ctx.secret);
    return {
      method: 'POST',
      url,
      headers: { 'Content-Type': FORM_CONTENT_TYPE },
      body: encodeForm([...Object.entries(params), ['sign', sign]]),
      itemIds: batch.map((item) => item.itemId),
    };
  });
}

const replySchema = z.object({
  success: z.boolean(),
  message: z.string().nullish(),
  msg: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});

export function parseTwoDfireMenuPushReply(reply: VendorReply, sentItemIds: readonly string[]): MenuPushItemResult[] {
  const read = readJsonReply(reply, VENDOR_NAME);
  if (!read.ok) return sameResultForAll(sentItemIds, false, read.reason);
  const parsed = replySchema.safeParse(read.json);
  if (!parsed.success) return sameResultForAll(sentItemIds, false, `${VENDOR_NAME}回复缺少 success`);
  if (parsed.data.success) return sameResultForAll(sentItemIds, true);
  const why =
    parsed.data.message || parsed.data.msg || (parsed.data.code !== undefined && parsed.data.code !== null ? `错误码 ${parsed.data.code}` : '未说明原因');
  return sameResultForAll(sentItemIds, false, `${VENDOR_NAME}拒绝同步: ${why}`);
}

// memo is our carbon label text on the way out; inbound the platform computes carbon itself.
const menusSchema = z.array(
  z.object({ outMenuId: idText, name: requiredText, kindName: requiredText, price: yuanToFenField, unit: requiredText, status: dishStatusField }),
);

/** A 二维火 `menus` list (array, or its JSON text as the form parameter carries it) → canonical items. */
export function parseTwoDfireMenus(payload: unknown): CanonicalMenuItemCore[] {
  const menus = parseVendorPayload(menusSchema, payload, VENDOR_NAME, '菜单');
  return menus.map((m) => ({ itemId: m.outMenuId, itemName: m.name, category: m.kindName, priceFen: m.price, unit: m.unit, status: m.status }));
}

const orderSchema = z.object({
  orderVo: z.object({
    orderId: idText,
    entityId: requiredText,
    openTime: epochMsField,
    orderType: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: '订单类型必须是 1（销售）、2（退款）或 3（作废）' }),
  }),
  instanceVoList: z
    .array(z.object({ menuId: idText, name: requiredText, num: positiveQuantity, price: yuanToFenField, fee: yuanToFenField }))
    .min(1, '订单至少包含一个菜品'),
  totalPayVo: z.object({ resultAmount: yuanToFenField }),
  customer: z.object({ customerRegisterId: optionalText, mobile: optionalText }).nullish(),
});

export function parseTwoDfireOrder(payload: unknown): CanonicalOrder {
  const o = parseVendorPayload(orderSchema, payload, VENDOR_NAME);
  return {
    orderId: o.orderVo.orderId,
    restaurantId: o.orderVo.entityId,
    orderTime: o.orderVo.openTime,
    transactionType: TRANSACTION_TYPES[o.orderVo.orderType],
    items: o.instanceVoList.map((i) => ({ menuItemId: i.menuId, itemName: i.name, quantity: i.num, unitPriceFen: i.price, totalPriceFen: i.fee })),
    totalAmountFen: o.totalPayVo.resultAmount,
    ...customerOf(o.customer?.customerRegisterId, o.customer?.mobile),
  };
}

export function toTwoDfireOrder(order: CanonicalOrder): TwoDfireOrder {
  return {
    orderVo: {
      orderId: order.orderId,
      entityId: order.restaurantId,
      openTime: epochMsFromIso(order.orderTime),
      orderType: ORDER_TYPES[order.transactionType],
    },
    instanceVoList: order.items.map((i) => ({
      menuId: i.menuItemId,
      name: i.itemName,
      num: i.quantity,
      price: fenToYuan(i.unitPriceFen),
      fee: fenToYuan(i.totalPriceFen),
    })),
    totalPayVo: { resultAmount: fenToYuan(order.totalAmountFen) },
    ...(order.customer && {
      customer: {
        ...(order.customer.customerId !== undefined && { customerRegisterId: order.customer.customerId }),
        ...(order.customer.phone !== undefined && { mobile: order.customer.phone }),
      },
    }),
  };
}

export const twoDfireAdapter: PosAdapter<TwoDfireSignInput, TwoDfireOrder, TwoDfireMenu[]> = {
  vendor: '2dfire',
  displayName: VENDOR_NAME,
  buildMenuPushRequests: buildTwoDfireMenuPushRequests,
  parseMenuPushReply: parseTwoDfireMenuPushReply,
  toVendorMenu: toTwoDfireMenus,
  parseInboundMenu: parseTwoDfireMenus,
  parseInboundOrder: parseTwoDfireOrder,
  toVendorOrder: toTwoDfireOrder,
  sign: twoDfireSign,
};
