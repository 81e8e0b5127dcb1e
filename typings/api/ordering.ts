/**
 * Contract of the `ordering` context (the diner's orders: 订单 tab and 订单详情). The function
 * implements it (cloudfunctions/ordering/src/index.ts); the mini-program calls it through
 * `api.ordering` (type-only). Orders themselves are the order kernel's (cloudfunctions/shared/orders).
 */
import { z } from 'zod';
import { idSchema, pageInputShape, type IsoInstant, type Page } from './common';
import { action, defineContract, pingSpec, returns } from './contract';
import { printingActions } from './ordering-printing';

export * from './ordering-printing';

/**
 * What the diner sees of an order's state, derived from the order's `status` and the
 * `refundStatus` payments write: a refund in progress or done wins over 已支付.
 */
export type MyOrderStatus = 'pending' | 'paid' | 'closed' | 'cancelled' | 'completed' | 'refunding' | 'refunded' | 'partially_refunded' | 'unknown';

export interface MyOrderSummary {
  _id: string;
  storeId: string;
  /** '' when the store is unknown */
  storeName: string;
  title: string;
  status: MyOrderStatus;
  /** Chinese, e.g. 待支付 */
  statusText: string;
  /** whether 去支付 makes sense (the payment function decides for real) */
  payable: boolean;
  /** order total before member discounts, fen */
  totalFen: number;
  /** what was paid, fen; null until paid */
  paidFen: number | null;
  /** fen; 0 when nothing was refunded */
  refundedFen: number;
  itemCount: number;
  /** null when the order has no creation time */
  createdAt: IsoInstant | null;
  /** Asia/Shanghai, for display */
  createdAtText: string;
}

export type ListMyOrdersResult = Page<MyOrderSummary>;

export interface MyOrderItem {
  name: string;
  qty: number;
  /** unit price, fen */
  priceFen: number;
  /** qty × priceFen, fen */
  subtotalFen: number;
}

export interface MyOrderDetail extends MyOrderSummary {
  source: string;
  /** 扫码点餐 / 智能柜 / 收银台 */
  sourceText: string;
  items: MyOrderItem[];
  paymentId: string | null;
  /** wechat / payscore / tickets / cash; null until a payment was started */
  paymentMethod: string | null;
  /** 微信支付 …; '' without a payment */
  paymentMethodText: string;
  paidAt: IsoInstant | null;
  paidAtText: string;
}

export const orderingContract = defineContract({
  name: 'ordering',
  errors: { from: 80, to: 89 },
  actions: {
    ping: pingSpec,
    listMyOrders: action({
      summary: '调用者自己的订单，最新在前，分页',
      input: z.object(pageInputShape).strict(),
      reply: returns<ListMyOrdersResult>(),
    }),
    getMyOrder: action({
      summary: '调用者自己的一个订单及其明细；他人的订单同样报告为不存在',
      input: z.object({ orderId: idSchema }).strict(),
      reply: returns<MyOrderDetail>(),
    }),
    // live views and cloud printing (qr-live): ./ordering-printing.ts
    ...printingActions,
  },
});
export type OrderingContract = typeof orderingContract;
export type ListMyOrdersInput = z.input<typeof orderingContract.actions.listMyOrders.input>;
export type GetMyOrderInput = z.input<typeof orderingContract.actions.getMyOrder.input>;
