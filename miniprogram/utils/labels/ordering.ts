import type { CarbonLevel, DishCarbonView, KitchenStation, KitchenStep, MealTime, PayMode, TableOrderStatus, WeightUnit } from '../../../typings/api/ordering';

/**
 * Chinese labels of table ordering (扫码点餐, 订单状态, 后厨看板, 菜品管理), keyed by the ordering
 * contract's unions: a new status, station or level fails the typecheck until it has a label.
 */
export const TABLE_ORDER_STATUS_LABELS: Record<TableOrderStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  preparing: '制作中',
  serving: '上菜中',
  completed: '已完成',
  cancelled: '已取消',
};

/** The happy path in order, for the diner's progress steps (cancelled is off the path). */
export const TABLE_ORDER_FLOW: readonly TableOrderStatus[] = ['pending', 'confirmed', 'preparing', 'serving', 'completed'];

/** The kitchen's one tap, by the step it takes. */
export const KITCHEN_STEP_LABELS: Record<KitchenStep, string> = {
  confirm: '确认接单',
  start: '开始制作',
  serve: '上菜',
  complete: '完成',
};

export const MEAL_TIME_LABELS: Record<MealTime, string> = {
  breakfast: '早餐',
  lunch: '午餐',
  afternoon: '下午茶',
  dinner: '晚餐',
  late_night: '夜宵',
};

export const STATION_LABELS: Record<KitchenStation, string> = {
  hot: '热菜',
  cold: '凉菜',
  drinks: '饮品',
};

export const PAY_MODE_LABELS: Record<PayMode, string> = {
  now: '立即支付',
  counter: '到前台支付',
  after_meal: '餐后支付',
};

export const PAY_MODE_DESCRIPTIONS: Record<PayMode, string> = {
  now: '微信支付或礼票，付款后后厨开始制作',
  counter: '现金或刷卡，由店员确认',
  after_meal: '用餐结束后一起结账',
};

export const CARBON_LEVEL_LABELS: Record<CarbonLevel, string> = {
  low: '低碳',
  medium: '中碳',
  high: '高碳',
};

/** TDesign tag theme of a carbon level: green is good. */
export const CARBON_LEVEL_THEMES: Record<CarbonLevel, 'success' | 'warning' | 'danger'> = {
  low: 'success',
  medium: 'warning',
  high: 'danger',
};

export const WEIGHT_UNIT_LABELS: Record<WeightUnit, string> = {
  jin: '斤',
  kg: '公斤',
};

/** TDesign tag theme of a table order status. */
export function tableStatusTheme(status: TableOrderStatus): 'primary' | 'success' | 'warning' | 'default' | 'danger' {
  switch (status) {
    case 'pending':
      return 'warning';
    case 'confirmed':
    case 'preparing':
    case 'serving':
      return 'primary';
    case 'completed':
      return 'success';
    default:
      return 'default';
  }
}

/** 「0.42 kg CO₂e」: footprints are kg with two decimals, as on the POS receipt. */
export function formatKg(kg: number | null | undefined): string {
  return typeof kg === 'number' && Number.isFinite(kg) ? `${kg.toFixed(2)} kg CO₂e` : '';
}

/** 「1.250」→「1.25」: weighed quantities keep at most three decimals and no trailing zeros. */
export function formatQty(qty: number): string {
  return String(Number(qty.toFixed(3)));
}

/** How long an order has waited, in whole minutes, and the colour band the kitchen reads it by. */
export function elapsedBand(minutes: number): 'fresh' | 'late' | 'overdue' {
  if (minutes < 10) return 'fresh';
  if (minutes < 20) return 'late';
  return 'overdue';
}

/** A dish's carbon in one line: 「低碳 0.42 kg CO₂e · 较基准少 65%」 or 「待计算（未知食材：松茸）」. */
export function carbonLine(carbon: DishCarbonView): string {
  if (carbon.status === 'pending') return `${carbon.levelText || '待计算'}${carbon.reason ? `（${carbon.reason}）` : ''}`;
  const reduction = carbon.reductionPercent > 0 ? ` · 较基准少 ${carbon.reductionPercent}%` : '';
  return `${CARBON_LEVEL_LABELS[carbon.level]} ${formatKg(carbon.kgCo2e)}${reduction}`;
}
