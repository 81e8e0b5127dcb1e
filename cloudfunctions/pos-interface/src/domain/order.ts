import { z } from 'zod';
import { isYuanAmount, yuanToFen, type Fen } from '../../../shared/domain/money';
import { maskPhone } from '../../../shared/domain/phone';

/** Seed 001: a POS transaction is a sale, or reverses one (refund, void). */
export const TRANSACTION_TYPES = ['sale', 'refund', 'void'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

const yuan = (label: string) =>
  z
    .number({ error: `${label}必须是数字（元）` })
    .nonnegative({ error: `${label}不能为负数` })
    .max(10_000_000, { error: `${label}超出范围` })
    .refine(isYuanAmount, { error: `${label}最多两位小数` });

const identifier = (label: string) =>
  z
    .string({ error: `${label}必须是字符串` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(64, { error: `${label}最长 64 个字符` })
    .regex(/^[\w.:-]+$/u, { error: `${label}只能包含字母、数字、下划线、点、冒号和连字符` });

export const OrderItemSchema = z
  .object({
    menuItemId: identifier('menuItemId').meta({ description: '菜品 ID（与菜单同步的 itemId 一致）', examples: ['menu_001'] }),
    // Messages without the field name: the formatter puts the full path (items.0.itemName) in front.
    itemName: z
      .string({ error: '必须是字符串' })
      .trim()
      .min(1, { error: '不能为空' })
      .max(100, { error: '最长 100 个字符' })
      .meta({ description: '菜品名称', examples: ['素麻婆豆腐'] }),
    quantity: z
      .number({ error: 'quantity 必须是正整数' })
      .int({ error: 'quantity 必须是正整数' })
      .positive({ error: 'quantity 必须是正整数' })
      .max(9999, { error: 'quantity 最大 9999' })
      .meta({ examples: [2] }),
    unitPrice: yuan('unitPrice').meta({ description: '单价（元，两位小数）', examples: [38.0] }),
    totalPrice: yuan('totalPrice').meta({ description: '小计（元）= 单价 × 数量', examples: [76.0] }),
  })
  // Runs even when a field above already failed, so it must not throw on a malformed amount.
  .refine(
    (item) =>
      !isYuanAmount(item.unitPrice) ||
      !isYuanAmount(item.totalPrice) ||
      !Number.isInteger(item.quantity) ||
      yuanToFen(item.unitPrice) * item.quantity === yuanToFen(item.totalPrice),
    {
      error: 'totalPrice 必须等于 unitPrice × quantity',
      path: ['totalPrice'],
    },
  );

export const OrderSyncSchema = z
  .object({
    orderId: identifier('orderId').meta({ description: '收银系统订单号；同一接入下幂等', examples: ['POS_ORDER_202501151030001'] }),
    restaurantId: identifier('restaurantId').meta({ description: '餐厅 ID，须与 API Key 绑定的餐厅一致', examples: ['rest_123456'] }),
    orderTime: z.iso.datetime({ offset: true, error: 'orderTime 必须是 ISO 8601 时间，如 2025-01-15T10:30:00Z' }).meta({ examples: ['2025-01-15T10:30:00Z'] }),
    transactionType: z
      .enum(TRANSACTION_TYPES)
      .default('sale')
      .meta({ description: 'sale 销售（默认）；refund 退款、void 作废：冲销同一 orderId 的销售与碳足迹' }),
    items: z.array(OrderItemSchema).min(1, { error: 'items 至少一项' }).max(200, { error: 'items 最多 200 项' }),
    totalAmount: yuan('totalAmount').meta({ description: '订单金额（元）', examples: [76.0] }),
    customerInfo: z
      .object({
        customerId: z.string().trim().max(64).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^1[3-9]\d(\d{4}|\*{4})\d{4}$/u, { error: 'phone 必须是 11 位手机号或已脱敏的 138****1234' })
          .optional()
          .meta({ description: '手机号，可已脱敏；平台只保存脱敏后的号码' }),
      })
      .optional(),
  })
  .meta({ id: 'OrderSyncRequest' });

export type OrderSyncInput = z.infer<typeof OrderSyncSchema>;

/** What we keep of an order: fen, masked phone, the UTC instant. */
export interface NormalisedOrder {
  orderId: string;
  restaurantId: string;
  orderTime: Date;
  transactionType: TransactionType;
  items: { menuItemId: string; itemName: string; quantity: number; unitPriceFen: Fen; totalPriceFen: Fen }[];
  totalAmountFen: Fen;
  customer?: { customerId?: string; phoneMasked?: string };
}

export function normaliseOrder(input: OrderSyncInput): NormalisedOrder {
  const customer = input.customerInfo
    ? {
        ...(input.customerInfo.customerId ? { customerId: input.customerInfo.customerId } : {}),
        ...(input.customerInfo.phone ? { phoneMasked: maskPhone(input.customerInfo.phone) } : {}),
      }
    : undefined;
  return {
    orderId: input.orderId,
    restaurantId: input.restaurantId,
    orderTime: new Date(input.orderTime),
    transactionType: input.transactionType,
    items: input.items.map((item) => ({
      menuItemId: item.menuItemId,
      itemName: item.itemName,
      quantity: item.quantity,
      unitPriceFen: yuanToFen(item.unitPrice),
      totalPriceFen: yuanToFen(item.totalPrice),
    })),
    totalAmountFen: yuanToFen(input.totalAmount),
    ...(customer && Object.keys(customer).length ? { customer } : {}),
  };
}

/** `_id` of a stored POS order: the idempotency key itself, so the write is the duplicate check. */
export function posOrderId(integrationId: string, orderId: string): string {
  return `${integrationId}:${orderId}`;
}
