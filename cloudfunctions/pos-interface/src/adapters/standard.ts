/**
 * Our own POS protocol (the seed design 《收银系统接口设计方案》 §3): JSON bodies with money in
 * yuan, authenticated with X-API-Key / X-Timestamp / X-Nonce / X-Signature (shared/integration/signature.ts).
 *
 * Menu push: POST {endpoint}/menu/sync with exactly the seed body
 *   { restaurantId, syncType, menuItems[], timestamp }.
 * When a sync needs more than one request, each body also carries
 *   batch: { syncId, index, total }   (index from 1)
 * because a receiver that applied each "full" chunk as a complete menu would delete the items
 * of the other chunks; it must apply a full sync only after the last batch. A sync that fits
 * in one request has no batch field, i.e. is byte-for-byte the seed shape.
 *
 * Order sync (inbound): the seed request { orderId, restaurantId, orderTime, items[], totalAmount,
 * customerInfo } plus an optional transactionType (sale | refund | void, default sale).
 */
import { z } from 'zod';
import { fenToYuan, isYuanAmount, yuanToFen } from '../../../shared/domain/money';
import { CARBON_UNIT } from '../domain/carbon';
import { isValidNonce, signRequest, SIGNATURE_HEADERS, type SignatureMaterial } from '../../../shared/integration/signature';
import type { CanonicalMenuItem, CanonicalOrder } from '../domain/canonical';
import { chunk } from './chunk';
import { isoForDisplay } from './instant';
import { readJsonReply, sameResultForAll } from './menu-push-reply';
import { JSON_CONTENT_TYPE, joinUrl, pathWithQuery } from './outbound';
import { parseVendorPayload } from './parse-payload';
import { customerOf, isoInstantField, optionalText, positiveQuantity, requiredText, yuanToFenField } from './payload-fields';
import type { AdapterContext, MenuPushItemResult, MenuPushRequest, PosAdapter, VendorReply } from './types';

const VENDOR_NAME = '标准协议';
export const STANDARD_MENU_SYNC_PATH = '/menu/sync';

export interface StandardMenuItem {
  itemId: string;
  itemName: string;
  category: string;
  price: number;
  unit: string;
  status: 'active' | 'inactive';
  ingredients: { ingredientName: string; quantity: number; unit: string }[];
  cookingMethod?: string;
  carbonFootprint?: CanonicalMenuItem['carbonFootprint'];
  carbonLabel?: CanonicalMenuItem['carbonLabel'];
  updatedAt: string;
}

export interface StandardMenuSyncBody {
  restaurantId: string;
  syncType: 'full' | 'incremental';
  menuItems: StandardMenuItem[];
  timestamp: string;
  batch?: { syncId: string; index: number; total: number };
}

export interface StandardOrder {
  orderId: string;
  restaurantId: string;
  orderTime: string;
  transactionType: 'sale' | 'refund' | 'void';
  items: { menuItemId: string; itemName: string; quantity: number; unitPrice: number; totalPrice: number }[];
  totalAmount: number;
  customerInfo?: { customerId?: string; phone?: string };
}

function toStandardMenuItem(item: CanonicalMenuItem): StandardMenuItem {
  return {
    itemId: item.itemId,
    itemName: item.itemName,
    category: item.category,
    price: fenToYuan(item.priceFen),
    unit: item.unit,
    status: item.status,
    ingredients: item.ingredients.map((i) => ({ ingredientName: i.ingredientName, quantity: i.quantity, unit: i.unit })),
    ...(item.cookingMethod !== undefined && { cookingMethod: item.cookingMethod }),
    ...(item.carbonFootprint !== undefined && { carbonFootprint: item.carbonFootprint }),
    ...(item.carbonLabel !== undefined && { carbonLabel: item.carbonLabel }),
    updatedAt: item.updatedAt,
  };
}

/** The seed menu sync body for these items (one request's worth; the batch marker is added per chunk). */
export function toStandardMenuSyncBody(items: readonly CanonicalMenuItem[], ctx: AdapterContext): StandardMenuSyncBody {
  return {
    restaurantId: ctx.restaurantId,
    syncType: ctx.syncType,
    menuItems: items.map(toStandardMenuItem),
    timestamp: isoForDisplay(ctx.now),
  };
}

export function buildStandardMenuPushRequests(items: readonly CanonicalMenuItem[], ctx: AdapterContext): MenuPushRequest[] {
  const url = joinUrl(ctx.endpoint, STANDARD_MENU_SYNC_PATH);
  const batches = chunk(items);
  const timestamp = String(Math.floor(ctx.now.getTime() / 1000));
  return batches.map((batch, index) => {
    const body: StandardMenuSyncBody = {
      ...toStandardMenuSyncBody(batch, ctx),
      ...(batches.length > 1 && { batch: { syncId: ctx.syncId, index: index + 1, total: batches.length } }),
    };
    const rawBody = JSON.stringify(body);
    const nonce = ctx.newNonce();
    if (!isValidNonce(nonce)) throw new RangeError('newNonce() 必须返回 16–64 位字母、数字、下划线或连字符');
    const signature = signRequest({ method: 'POST', pathWithQuery: pathWithQuery(url), timestamp, nonce, rawBody }, ctx.secret);
    return {
      method: 'POST',
      url,
      headers: {
        'Content-Type': JSON_CONTENT_TYPE,
        [SIGNATURE_HEADERS.apiKey]: ctx.apiKey,
        [SIGNATURE_HEADERS.timestamp]: timestamp,
        [SIGNATURE_HEADERS.nonce]: nonce,
        [SIGNATURE_HEADERS.signature]: signature,
      },
      body: rawBody,
      itemIds: batch.map((item) => item.itemId),
    };
  });
}

const menuReplySchema = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z.object({ failedItems: z.array(z.object({ itemId: z.string(), reason: z.string().optional() })).optional() }).nullish(),
});

/** Seed reply: code 0 with data.failedItems for the items that were rejected. */
export function parseStandardMenuPushReply(reply: VendorReply, sentItemIds: readonly string[]): MenuPushItemResult[] {
  const read = readJsonReply(reply, '收银系统');
  if (!read.ok) return sameResultForAll(sentItemIds, false, read.reason);
  const parsed = menuReplySchema.safeParse(read.json);
  if (!parsed.success) return sameResultForAll(sentItemIds, false, '收银系统回复格式不符合协议');
  const { code, message, data } = parsed.data;
  if (code !== 0) return sameResultForAll(sentItemIds, false, `收银系统拒绝同步: ${message || `错误码 ${code}`}`);
  const failures = new Map((data?.failedItems ?? []).map((f) => [f.itemId, f.reason || '收银系统未说明原因']));
  return sentItemIds.map((itemId) => (failures.has(itemId) ? { itemId, success: false, reason: failures.get(itemId) } : { itemId, success: true }));
}

const standardOrderSchema = z.object({
  orderId: requiredText.max(64, '订单号最长 64 个字符'),
  restaurantId: requiredText,
  orderTime: isoInstantField,
  transactionType: z.enum(['sale', 'refund', 'void']).default('sale'),
  items: z
    .array(
      z.object({
        menuItemId: requiredText,
        itemName: requiredText,
        quantity: positiveQuantity,
        unitPrice: yuanToFenField,
        totalPrice: yuanToFenField,
      }),
    )
    .min(1, '订单至少包含一个菜品'),
  totalAmount: yuanToFenField,
  customerInfo: z.object({ customerId: optionalText, phone: optionalText }).nullish(),
});

export function parseStandardOrder(payload: unknown): CanonicalOrder {
  const o = parseVendorPayload(standardOrderSchema, payload, VENDOR_NAME);
  return {
    orderId: o.orderId,
    restaurantId: o.restaurantId,
    orderTime: o.orderTime,
    transactionType: o.transactionType,
    items: o.items.map((i) => ({
      menuItemId: i.menuItemId,
      itemName: i.itemName,
      quantity: i.quantity,
      unitPriceFen: i.unitPrice,
      totalPriceFen: i.totalPrice,
    })),
    totalAmountFen: o.totalAmount,
    ...customerOf(o.customerInfo?.customerId, o.customerInfo?.phone),
  };
}

export function toStandardOrder(order: CanonicalOrder): StandardOrder {
  return {
    orderId: order.orderId,
    restaurantId: order.restaurantId,
    orderTime: order.orderTime,
    transactionType: order.transactionType,
    items: order.items.map((i) => ({
      menuItemId: i.menuItemId,
      itemName: i.itemName,
      quantity: i.quantity,
      unitPrice: fenToYuan(i.unitPriceFen),
      totalPrice: fenToYuan(i.totalPriceFen),
    })),
    totalAmount: fenToYuan(order.totalAmountFen),
    ...(order.customer && { customerInfo: { ...order.customer } }),
  };
}

const carbonFootprintSchema = z.object({
  value: z.number().nonnegative(),
  unit: z.literal(CARBON_UNIT),
  calculationLevel: z.enum(['L1', 'L2', 'L3']),
  baseline: z.number().positive(),
  reduction: z.number(),
  carbonLevel: z.enum(['low', 'medium', 'high']),
  certification: z.literal('气候友好').nullable(),
});

const menuSyncBodySchema = z.object({
  restaurantId: requiredText,
  syncType: z.enum(['full', 'incremental']),
  menuItems: z.array(
    z.object({
      itemId: requiredText,
      itemName: requiredText,
      category: z.string(),
      price: z
        .number()
        .nonnegative()
        .refine(isYuanAmount, '价格最多两位小数（元）')
        .transform((yuan) => yuanToFen(yuan)),
      unit: requiredText,
      status: z.enum(['active', 'inactive']),
      ingredients: z.array(z.object({ ingredientName: requiredText, quantity: positiveQuantity, unit: requiredText })),
      cookingMethod: z.string().optional(),
      carbonFootprint: carbonFootprintSchema.optional(),
      carbonLabel: z.object({ level: z.enum(['low', 'medium', 'high']), icon: z.url(), description: z.string() }).optional(),
      updatedAt: isoInstantField,
    }),
  ),
  timestamp: isoInstantField,
  batch: z.object({ syncId: requiredText, index: z.number().int().positive(), total: z.number().int().positive() }).optional(),
});

/**
 * The receiving side of a menu sync, for POS vendors implementing our protocol (and the
 * round-trip tests): body → canonical items.
 */
export function parseStandardMenuSyncBody(payload: unknown): {
  restaurantId: string;
  syncType: 'full' | 'incremental';
  menuItems: CanonicalMenuItem[];
  timestamp: string;
  batch?: { syncId: string; index: number; total: number };
} {
  const body = parseVendorPayload(menuSyncBodySchema, payload, VENDOR_NAME, '菜单');
  return {
    restaurantId: body.restaurantId,
    syncType: body.syncType,
    menuItems: body.menuItems.map(({ price, ...rest }) => ({
      itemId: rest.itemId,
      itemName: rest.itemName,
      category: rest.category,
      priceFen: price,
      unit: rest.unit,
      status: rest.status,
      ingredients: rest.ingredients,
      ...(rest.cookingMethod !== undefined && { cookingMethod: rest.cookingMethod }),
      ...(rest.carbonFootprint !== undefined && { carbonFootprint: rest.carbonFootprint }),
      ...(rest.carbonLabel !== undefined && { carbonLabel: rest.carbonLabel }),
      updatedAt: rest.updatedAt,
    })),
    timestamp: body.timestamp,
    ...(body.batch && { batch: body.batch }),
  };
}

export const standardAdapter: PosAdapter<SignatureMaterial, StandardOrder, StandardMenuSyncBody> = {
  vendor: 'standard',
  displayName: VENDOR_NAME,
  buildMenuPushRequests: buildStandardMenuPushRequests,
  parseMenuPushReply: parseStandardMenuPushReply,
  toVendorMenu: toStandardMenuSyncBody,
  parseInboundMenu: (payload) => parseStandardMenuSyncBody(payload).menuItems,
  parseInboundOrder: parseStandardOrder,
  toVendorOrder: toStandardOrder,
  sign: signRequest,
};
