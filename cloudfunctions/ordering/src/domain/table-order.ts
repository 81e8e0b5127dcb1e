import type { KitchenStep } from '../../../../typings/api/ordering';
import type { StaffRole } from '../../../../typings/api/common';
import type { OrderItem, OrderRecord, TableOrderLine } from '../../../shared/orders/order-record';
import type { OrderEvent, OrderStatus } from '../../../shared/orders/order-state';
import type { SnapshotDish } from '../../../shared/menu/menu-snapshot';
import { servedAt } from './meal-time';

/**
 * The rules of a table order (扫码点餐), pure: lines from the cart, weighing, who may do what
 * when. docs/orders.md writes the same rules in Chinese; the tests beside this file check them.
 */

export interface CartLineDoc {
  _id: string;
  tableId: string;
  storeId: string;
  round: number;
  dishId: string;
  quantity: number;
  remark: string;
  addedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A weighed line's price: weight × price per unit, rounded half up to the fen. */
export function weighedAmountFen(weight: number, unitPriceFen: number): number {
  return Math.round((Math.round(weight * 1000) * unitPriceFen) / 1000);
}

export interface BuiltLines {
  lines: TableOrderLine[];
  items: OrderItem[];
  /** dishes that cannot be ordered now (sold out, off the menu, outside their meal time) */
  unavailable: string[];
}

/** The order lines of a cart round (lines with quantity 0 are gone), numbered from `firstLineNo`. */
export function linesFromCart(
  cart: readonly CartLineDoc[],
  dishes: ReadonlyMap<string, SnapshotDish>,
  options: { addition: number; firstLineNo: number; at: Date },
): BuiltLines {
  const lines: TableOrderLine[] = [];
  const items: OrderItem[] = [];
  const unavailable: string[] = [];
  const live = cart.filter((l) => l.quantity > 0).sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt) || a._id.localeCompare(b._id));
  for (const cartLine of live) {
    const dish = dishes.get(cartLine.dishId);
    if (!dish || dish.soldOut || !servedAt(dish.mealTimes, options.at)) {
      unavailable.push(dish?.name ?? cartLine.dishId);
      continue;
    }
    const lineNo = options.firstLineNo + lines.length;
    lines.push({
      lineNo,
      dishId: dish.dishId,
      name: dish.name,
      portions: cartLine.quantity,
      soldByWeight: dish.soldByWeight,
      weightUnit: dish.weightUnit,
      weight: null,
      station: dish.station,
      remark: cartLine.remark,
      addition: options.addition,
      addedBy: cartLine.addedBy,
      carbonKg: dish.carbon?.value ?? null,
      baselineKg: dish.carbon?.baseline ?? null,
    });
    // A weighed line is priced once weighed: until then it is on the order at 0 (awaitingWeight).
    items.push(
      dish.soldByWeight
        ? { itemId: dish.itemId, name: dish.name, quantity: cartLine.quantity, unitPriceFen: dish.priceFen, amountFen: 0 }
        : { itemId: dish.itemId, name: dish.name, quantity: cartLine.quantity, unitPriceFen: dish.priceFen, amountFen: cartLine.quantity * dish.priceFen },
    );
  }
  return { lines, items, unavailable };
}

export function awaitingWeight(lines: readonly TableOrderLine[]): boolean {
  return lines.some((l) => l.soldByWeight && l.weight === null);
}

/** Staff weighed line `lineNo`: its quantity becomes the weight, its amount weight × price. */
export function weighLine(order: OrderRecord, lineNo: number, weight: number): { lines: TableOrderLine[]; items: OrderItem[]; totalFen: number } {
  const table = order.table!;
  const lines = table.lines.map((l) => (l.lineNo === lineNo ? { ...l, weight } : l));
  const items = order.items.map((item, i) => {
    const line = lines[i];
    if (line?.lineNo !== lineNo) return item;
    return { ...item, quantity: weight, amountFen: weighedAmountFen(weight, item.unitPriceFen), weightUnit: line.weightUnit ?? 'jin' };
  });
  return { lines, items, totalFen: items.reduce((sum, item) => sum + item.amountFen, 0) };
}

export function isPaid(order: Pick<OrderRecord, 'status' | 'paidAt'>): boolean {
  return order.paidAt !== undefined || order.status === 'paid' || order.status === 'completed';
}

/** The table flow's status as the diner and the kitchen read it (`paid` waits for confirmation like `pending`). */
export function tableStatusOf(status: OrderStatus): 'pending' | 'confirmed' | 'preparing' | 'serving' | 'completed' | 'cancelled' {
  switch (status) {
    case 'paid':
    case 'pending':
      return 'pending';
    case 'confirmed':
    case 'preparing':
    case 'serving':
    case 'completed':
    case 'cancelled':
      return status;
    default:
      return 'cancelled';
  }
}

export const STEP_EVENTS: Record<KitchenStep, OrderEvent['type'] & ('accept' | 'start' | 'serve' | 'finish')> = {
  confirm: 'accept',
  start: 'start',
  serve: 'serve',
  complete: 'finish',
};

/** The step that moves the order forward now, or null (weighing or payment first, or nothing left). */
export function nextStepOf(order: OrderRecord): KitchenStep | null {
  switch (order.status) {
    case 'pending':
    case 'paid':
      return order.table?.awaitingWeight ? null : 'confirm';
    case 'confirmed':
      return 'start';
    case 'preparing':
      return 'serve';
    case 'serving':
      return isPaid(order) ? 'complete' : null;
    default:
      return null;
  }
}

export type CancelVerdict = { ok: true } | { ok: false; reason: string };

/**
 * 取消规则:
 * - 顾客（下单人）：仅「待确认」且未支付。
 * - 店员（clerk）：仅「待确认」且未支付。
 * - 店长 / 管理员：「待确认」或「已确认」（开始制作前）；已支付的须先经 payment.refund 全额退款。
 * - 开始制作后（制作中、上菜中、已完成）不能取消：退款经 payment.refund，订单照常完成。
 */
export function cancelVerdict(order: OrderRecord, actor: { kind: 'diner'; openid: string } | { kind: 'staff'; role: StaffRole }): CancelVerdict {
  const paid = isPaid(order);
  const status = order.status;
  if (status === 'cancelled') return { ok: false, reason: '订单已取消' };
  if (!['pending', 'paid', 'confirmed'].includes(status)) return { ok: false, reason: '后厨已开始制作，不能取消；如需退款请联系店长' };
  if (actor.kind === 'diner') {
    if (actor.openid !== order.openid) return { ok: false, reason: '只有下单人可以取消' };
    if (paid) return { ok: false, reason: '订单已支付，请联系店员取消并退款' };
    if (status !== 'pending') return { ok: false, reason: '后厨已确认，请联系店员取消' };
    return { ok: true };
  }
  if (actor.role === 'clerk') {
    if (paid || status !== 'pending') return { ok: false, reason: '已支付或已确认的订单须由店长取消' };
    return { ok: true };
  }
  if (paid && order.refundStatus !== 'refunded') return { ok: false, reason: '订单已支付：请先经退款全额退回（payment.refund），再取消' };
  return { ok: true };
}

/** 加菜: to an order of this table that is not paid, not finished and not cancelled. */
export function canAddTo(order: OrderRecord, tableId: string): boolean {
  return (
    order.source === 'table' && order.table?.tableId === tableId && !isPaid(order) && ['pending', 'confirmed', 'preparing', 'serving'].includes(order.status)
  );
}

/** The order's carbon: Σ lines with a computed carbon (× portions, or × weight when weighed). */
export function orderCarbon(lines: readonly TableOrderLine[]): {
  totalKg: number;
  baselineKg: number;
  reductionKg: number;
  reductionPercent: number;
  pendingLines: number;
} {
  let total = 0;
  let baseline = 0;
  let pending = 0;
  for (const line of lines) {
    if (line.carbonKg === null || line.baselineKg === null) {
      pending += 1;
      continue;
    }
    const amount = line.soldByWeight ? (line.weight ?? line.portions) : line.portions;
    total += line.carbonKg * amount;
    baseline += line.baselineKg * amount;
  }
  const round2 = (n: number) => Math.round(n * 100) / 100;
  const reduction = baseline - total;
  return {
    totalKg: round2(total),
    baselineKg: round2(baseline),
    reductionKg: round2(reduction),
    reductionPercent: baseline > 0 ? Math.round((reduction / baseline) * 1000) / 10 : 0,
    pendingLines: pending,
  };
}
