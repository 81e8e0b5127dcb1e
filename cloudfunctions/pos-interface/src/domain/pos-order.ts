import { fenToYuan, type Fen } from '../../../shared/domain/money';
import { aggregateOrderCarbon, calculateDishCarbon, CarbonCalculationError, type DishCarbonFigures, type OrderCarbonResult } from './carbon';
import type { MenuItemDoc } from './menu-item';
import { menuItemDocId } from './menu-item';
import type { NormalisedOrder, TransactionType } from './order';
import type { OrderFingerprints } from './order-idempotency';

export type CarbonStatus = 'calculated' | 'pending';

/** A document of `pos_orders`. `_id` = `integrationId:orderId` (the idempotency key). */
export interface PosOrderDoc extends Omit<NormalisedOrder, 'orderTime'> {
  _id: string;
  integrationId: string;
  storeId: string;
  orderTime: Date | string;
  fingerprints: OrderFingerprints;
  carbonStatus: CarbonStatus;
  carbon: OrderCarbonResult | null;
  /** why the carbon is pending (never shown as a number) */
  carbonPendingReason?: { code: string; message: string } | null;
  carbonAttempts?: number;
  /** when the timer should try a pending order again (backs off while it stays pending) */
  carbonNextCheckAt?: Date | string | null;
  /** refund/void: the sale's amount and carbon count negative from this moment */
  reversal?: { transactionType: Exclude<TransactionType, 'sale'>; reversedAt: Date | string; amountFen: Fen } | null;
  processedAt: Date | string;
  createdAt: Date | string;
  updatedAt: Date | string;
}

export type OrderCarbonOutcome = { status: 'calculated'; carbon: OrderCarbonResult } | { status: 'pending'; reason: { code: string; message: string } };

/** Per-serving figures of a menu item: stored at menu sync, or computed now from its recipe. */
export function dishFigures(menuItem: MenuItemDoc): DishCarbonFigures {
  if (menuItem.carbon) return menuItem.carbon;
  return calculateDishCarbon({
    category: menuItem.category,
    ingredients: menuItem.ingredients,
    cookingMethod: menuItem.cookingMethod,
    supplierFactors: menuItem.supplierFactors,
  });
}

/**
 * Seed 五.5.2 degradation: anything that prevents an honest number (unknown dish, unknown
 * ingredient, engine error) yields "pending" rather than a guess; the order is still stored.
 */
export function computeOrderCarbon(order: Pick<NormalisedOrder, 'items'>, storeId: string, menu: ReadonlyMap<string, MenuItemDoc>): OrderCarbonOutcome {
  try {
    const inputs = order.items.map((item) => {
      const menuItem = menu.get(menuItemDocId(storeId, item.menuItemId));
      if (!menuItem) throw new CarbonCalculationError('INVALID_ORDER_ITEM', `菜品 ${item.menuItemId} 尚未同步到平台`);
      return { menuItemId: item.menuItemId, quantity: item.quantity, dishCarbon: dishFigures(menuItem) };
    });
    return { status: 'calculated', carbon: aggregateOrderCarbon(inputs) };
  } catch (error) {
    if (error instanceof CarbonCalculationError) return { status: 'pending', reason: { code: error.code, message: error.message } };
    return { status: 'pending', reason: { code: 'ENGINE_ERROR', message: '碳足迹计算出错，稍后自动重试' } };
  }
}

/**
 * Seed 五.5.2 when the menu itself cannot be read (database trouble): the order is taken all
 * the same, and the timer computes its carbon once the menu can be read again.
 */
export const MENU_UNAVAILABLE: OrderCarbonOutcome = {
  status: 'pending',
  reason: { code: 'MENU_UNAVAILABLE', message: '菜单暂时无法读取，稍后自动计算碳足迹' },
};

export function buildPosOrderDoc(input: {
  integrationId: string;
  storeId: string;
  order: NormalisedOrder;
  fingerprints: OrderFingerprints;
  outcome: OrderCarbonOutcome;
  now: Date;
}): PosOrderDoc {
  const { order, outcome, now } = input;
  return {
    _id: `${input.integrationId}:${order.orderId}`,
    integrationId: input.integrationId,
    storeId: input.storeId,
    ...order,
    fingerprints: input.fingerprints,
    carbonStatus: outcome.status,
    carbon: outcome.status === 'calculated' ? outcome.carbon : null,
    carbonPendingReason: outcome.status === 'pending' ? outcome.reason : null,
    carbonAttempts: 0,
    carbonNextCheckAt: outcome.status === 'pending' ? now : null,
    // A refund or void with no sale on record still counts negative.
    reversal: order.transactionType === 'sale' ? null : { transactionType: order.transactionType, reversedAt: now, amountFen: -order.totalAmountFen },
    processedAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/** The reply of order sync: the seed's shape plus carbonStatus (and the reversal, when there is one). */
export interface OrderSyncReply {
  orderId: string;
  transactionType: TransactionType;
  carbonStatus: CarbonStatus;
  carbonImpact: OrderCarbonResult['carbonImpact'] | null;
  items: { menuItemId: string; carbonFootprint: number | null; carbonLabel: { level: string; icon: string } | null }[];
  reversal?: { transactionType: string; reversedAt: string; amount: number; carbonFootprint: number | null; carbonReduction: number | null };
  processedAt: string;
}

const negate = (value: number) => (value === 0 ? 0 : -value);

export function orderSyncReply(doc: PosOrderDoc): OrderSyncReply {
  const items = doc.carbon ? doc.carbon.items : doc.items.map((item) => ({ menuItemId: item.menuItemId, carbonFootprint: null, carbonLabel: null }));
  return {
    orderId: doc.orderId,
    transactionType: doc.transactionType,
    carbonStatus: doc.carbonStatus,
    carbonImpact: doc.carbon?.carbonImpact ?? null,
    items,
    ...(doc.reversal
      ? {
          reversal: {
            transactionType: doc.reversal.transactionType,
            reversedAt: new Date(doc.reversal.reversedAt).toISOString(),
            amount: fenToYuan(doc.reversal.amountFen),
            carbonFootprint: doc.carbon ? negate(doc.carbon.carbonImpact.totalCarbonFootprint) : null,
            carbonReduction: doc.carbon ? negate(doc.carbon.carbonImpact.carbonReduction) : null,
          },
        }
      : {}),
    processedAt: new Date(doc.processedAt).toISOString(),
  };
}

/** Minutes until the next try of a still-pending order: 1, 2, 4 … capped at 60. */
export function nextPendingCheck(attempts: number, now: Date): Date {
  const minutes = Math.min(60, 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + minutes * 60_000);
}
