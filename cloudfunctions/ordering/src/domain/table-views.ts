import type {
  CartLine,
  CategoryView,
  DishCarbonView,
  DishView,
  KitchenOrderView,
  MealTime,
  TableCart,
  TableOrderView,
  TableView,
} from '../../../../typings/api/ordering';
import type { CategoryDoc, SnapshotDish } from '../../../shared/menu/menu-snapshot';
import type { MenuItemDoc } from '../../../shared/menu/menu-item';
import { toShanghai } from '../../../shared/domain/time';
import { orderNumberOf, type OrderRecord } from '../../../shared/orders/order-record';
import { isPayableOrder } from '../../../shared/orders/order-state';
import { sceneOf, dinerLabel } from './table-code';
import { cancelVerdict, canAddTo, isPaid, nextStepOf, orderCarbon, tableStatusOf, type CartLineDoc } from './table-order';

/** The views of 扫码点餐 (pure): what each action returns, built from stored documents. */

export interface TableDoc {
  _id: string;
  storeId: string;
  name: string;
  area: string;
  seats: number;
  status: 'active' | 'disabled';
  key: string;
  cartRound: number;
  keyRotatedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const at = (value: Date | string | undefined): Date => (value ? new Date(value) : new Date(0));

export function toTableView(table: TableDoc): TableView<Date> {
  return {
    _id: table._id,
    storeId: table.storeId,
    name: table.name,
    area: table.area,
    seats: table.seats,
    status: table.status,
    scene: sceneOf(table._id, table.key),
    keyRotatedAt: at(table.keyRotatedAt),
    createdAt: at(table.createdAt),
    updatedAt: at(table.updatedAt),
  };
}

export const STATUS_TEXT = {
  pending: '待确认',
  confirmed: '已确认',
  preparing: '制作中',
  serving: '上菜中',
  completed: '已完成',
  cancelled: '已取消',
} as const;

const UNIT_TEXT = { jin: '斤', kg: '公斤' } as const;

export function carbonView(dish: Pick<SnapshotDish, 'carbon' | 'carbonPending'>): DishCarbonView {
  if (!dish.carbon) return { status: 'pending', levelText: '待计算', reason: dish.carbonPending || '未填写食材' };
  return {
    status: 'computed',
    kgCo2e: dish.carbon.value,
    baselineKg: dish.carbon.baseline,
    reductionPercent: dish.carbon.reductionPercent,
    level: dish.carbon.level,
    icon: dish.carbon.icon,
    levelText: dish.carbon.levelText,
    certification: dish.carbon.certification,
  };
}

export function unitText(dish: { soldByWeight: boolean; weightUnit: 'jin' | 'kg' | null }): string {
  return dish.soldByWeight ? UNIT_TEXT[dish.weightUnit ?? 'jin'] : '份';
}

export function toCategoryView(doc: CategoryDoc): CategoryView<Date> {
  return { _id: doc._id, storeId: doc.storeId, name: doc.name, station: doc.station, displayOrder: doc.displayOrder, updatedAt: at(doc.updatedAt) };
}

export function toDishView(item: MenuItemDoc, categoryName: string): DishView<Date> {
  const carbon = item.carbon
    ? {
        value: item.carbon.value,
        baseline: item.carbon.baseline,
        reductionPercent: item.carbon.reductionPercent,
        level: item.carbon.carbonLevel,
        icon: item.carbon.label.icon,
        levelText: item.carbon.label.description,
        certification: item.carbon.certification,
      }
    : null;
  return {
    _id: item._id,
    storeId: item.storeId,
    itemId: item.itemId,
    name: item.itemName,
    categoryId: item.categoryId ?? '',
    categoryName: categoryName || item.category,
    priceFen: item.priceFen,
    imageFileID: item.imageFileID ?? '',
    description: item.description ?? '',
    ingredients: (item.ingredients ?? []).map((i) => ({ name: i.ingredientName, quantity: i.quantity, unit: i.unit })),
    carbon: carbonView({ carbon, carbonPending: item.carbonError?.message ?? '' }),
    calories: item.calories ?? null,
    allergens: item.allergens ?? [],
    soldOut: item.soldOut ?? false,
    displayOrder: item.displayOrder ?? 0,
    mealTimes: (item.mealTimes ?? []) as MealTime[],
    soldByWeight: item.soldByWeight ?? false,
    weightUnit: item.soldByWeight ? (item.weightUnit ?? 'jin') : null,
    status: item.status,
    source: item.source ?? 'pos',
    updatedAt: at(item.updatedAt),
  };
}

export function toCart(tableId: string, round: number, lines: readonly CartLineDoc[], dishes: ReadonlyMap<string, SnapshotDish>, openid: string): TableCart {
  const view: CartLine[] = lines
    .filter((l) => l.quantity > 0)
    .sort((a, b) => +at(a.createdAt) - +at(b.createdAt) || a._id.localeCompare(b._id))
    .map((l) => {
      const dish = dishes.get(l.dishId);
      return {
        lineId: l._id,
        dishId: l.dishId,
        name: dish?.name ?? '已下架菜品',
        quantity: l.quantity,
        unitPriceFen: dish?.priceFen ?? 0,
        soldByWeight: dish?.soldByWeight ?? false,
        remark: l.remark,
        addedBy: l.addedBy === openid ? '我' : dinerLabel(l.addedBy),
        mine: l.addedBy === openid,
      };
    });
  return {
    tableId,
    cartRound: round,
    lines: view,
    estimatedFen: view.filter((l) => !l.soldByWeight).reduce((sum, l) => sum + l.quantity * l.unitPriceFen, 0),
    hasWeighedDishes: view.some((l) => l.soldByWeight),
  };
}

export function toTableOrderView(order: OrderRecord, viewer: { openid?: string; memberPermille?: number }): TableOrderView<Date> {
  const table = order.table!;
  const status = tableStatusOf(order.status);
  const paid = isPaid(order);
  const permille = viewer.memberPermille ?? 1000;
  const created = at(order.createdAt);
  return {
    orderId: order._id,
    orderNumber: orderNumberOf(order._id),
    storeId: order.storeId,
    tableId: table.tableId,
    tableName: table.tableName,
    status,
    statusText: STATUS_TEXT[status],
    partySize: table.partySize,
    remarks: table.remarks,
    payMode: table.payMode,
    splitMode: table.splitMode,
    lines: table.lines.map((line, i) => ({
      lineNo: line.lineNo,
      dishId: line.dishId,
      name: line.name,
      quantity: line.soldByWeight && line.weight !== null ? line.weight : line.portions,
      unitPriceFen: order.items[i]?.unitPriceFen ?? 0,
      amountFen: order.items[i]?.amountFen ?? 0,
      soldByWeight: line.soldByWeight,
      weightUnit: line.weightUnit,
      weighed: !line.soldByWeight || line.weight !== null,
      station: line.station,
      remark: line.remark,
      addition: line.addition,
      mine: viewer.openid !== undefined && line.addedBy === viewer.openid,
      carbonKg: line.carbonKg,
    })),
    additionCount: table.additionCount,
    totalFen: order.totalFen,
    memberPriceFen: order.totalFen - Math.floor((order.totalFen * (1000 - permille)) / 1000),
    awaitingWeight: table.awaitingWeight,
    paid,
    paidFen: order.paidFen ?? null,
    paymentMethod: order.paymentMethod ?? null,
    refundedFen: order.refundedFen ?? 0,
    refundStatus: order.refundStatus ?? null,
    payable: isPayableOrder(order) && order.refundStatus == null,
    canCancel: viewer.openid !== undefined && cancelVerdict(order, { kind: 'diner', openid: viewer.openid }).ok,
    canAddDishes: canAddTo(order, table.tableId),
    carbon: orderCarbon(table.lines),
    createdAt: created,
    updatedAt: at(order.updatedAt),
    createdAtText: toShanghai(created, 'MM-DD HH:mm'),
  };
}

export function toKitchenOrderView(order: OrderRecord, now: Date): KitchenOrderView<Date> {
  const view = toTableOrderView(order, {});
  return { ...view, elapsedMinutes: Math.max(0, Math.floor((+now - +view.createdAt) / 60_000)), nextStep: nextStepOf(order) };
}
