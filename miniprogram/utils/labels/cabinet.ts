import type {
  CabinetOrderState,
  CabinetOrderType,
  CabinetPaymentType,
  CabinetPayMethod,
  DeviceAvailability,
  DeviceStatus,
  ManualTaskKind,
  ManualTaskStatus,
  PaymentSplit,
  SessionState,
} from '../../../typings/api/cabinet';
import { formatCount, formatFen } from '../format';

/**
 * Chinese labels of the cabinet context (diner pages and the staff cabinet pages), keyed by the
 * contract's unions (typings/api/cabinet-views.ts): a new state fails the typecheck until it has a
 * label here.
 */
export type TagTheme = 'primary' | 'success' | 'warning' | 'danger' | 'default';

export const PAY_METHOD_LABELS: Record<CabinetPayMethod, string> = { payscore: '微信支付分', tickets: '礼票' };

export const AVAILABILITY_LABELS: Record<DeviceAvailability, string> = {
  available: '可使用',
  busy: '使用中',
  unknown: '未登记',
  unbound: '未启用',
  offline: '离线',
  maintenance: '维护中',
  store_closed: '门店已停业',
};

export const AVAILABILITY_THEMES: Record<DeviceAvailability, TagTheme> = {
  available: 'success',
  busy: 'primary',
  unknown: 'default',
  unbound: 'default',
  offline: 'danger',
  maintenance: 'warning',
  store_closed: 'default',
};

/** 购物中 / 结算结果: the session's state as a headline and what to do now. */
export const SESSION_STATE_TEXT: Record<SessionState, { title: string; hint: string }> = {
  confirming: { title: '等待确认支付分', hint: '请在微信支付分中确认，确认后柜门自动打开' },
  opening: { title: '正在开门…', hint: '请稍候，柜门即将打开' },
  opened: { title: '柜门已打开', hint: '取完商品请关门，关门后自动结算' },
  closed: { title: '柜门已关闭', hint: '正在识别您取走的商品' },
  settling: { title: '正在结算', hint: '正在按您取走的商品自动扣款' },
  paid: { title: '支付成功', hint: '感谢惠顾' },
  unpaid: { title: '待支付', hint: '本次购物尚未付清，请完成支付；付清前不能再次开门' },
  review: { title: '人工审核中', hint: '订单需要店员核对后再扣款，结果会显示在订单中' },
  empty: { title: '购物已结束', hint: '您没有取走商品，本次没有扣款' },
  timeout: { title: '柜门未能打开', hint: '本次购物已结束，没有扣款，请重新扫码' },
  failed: { title: '开门失败', hint: '未能连接智能柜，本次没有扣款，请稍后重新扫码' },
  cancelled: { title: '已取消', hint: '本次购物已取消，没有扣款' },
  restocked: { title: '补货完成', hint: '柜门已关闭' },
};

/** t-steps `current` of 开门 → 取货 → 关门 → 结算 per state (4 = all done). */
export const SESSION_STEP: Record<SessionState, number> = {
  confirming: 0,
  opening: 0,
  opened: 1,
  closed: 2,
  settling: 3,
  paid: 4,
  unpaid: 3,
  review: 3,
  empty: 4,
  timeout: 0,
  failed: 0,
  cancelled: 0,
  restocked: 4,
};

export const SESSION_STATE_THEMES: Record<SessionState, 'success' | 'warning' | 'error' | 'default'> = {
  confirming: 'default',
  opening: 'default',
  opened: 'default',
  closed: 'default',
  settling: 'default',
  paid: 'success',
  unpaid: 'warning',
  review: 'warning',
  empty: 'default',
  timeout: 'error',
  failed: 'error',
  cancelled: 'default',
  restocked: 'success',
};

export const PAYMENT_TYPE_LABELS: Record<CabinetPaymentType, string> = {
  payscore: '微信支付分',
  tickets: '礼票',
  tickets_wechat: '礼票 + 微信支付',
  wechat: '微信支付',
  none: '未扣款',
};

/** How an order was paid: 微信支付分 ¥12.00 / 礼票 6,000 张（¥12.00）/ 礼票 … + 微信支付 ¥3.00. */
export function paidHowText(split: PaymentSplit): string {
  const tickets = `礼票 ${formatCount(split.ticketsSpent)} 张（${formatFen(split.ticketFen)}）`;
  switch (split.paymentType) {
    case 'payscore':
      return `微信支付分 ${formatFen(split.wechatFen)}`;
    case 'wechat':
      return `微信支付 ${formatFen(split.wechatFen)}`;
    case 'tickets':
      return tickets;
    case 'tickets_wechat':
      return `${tickets} + 微信支付 ${formatFen(split.wechatFen + split.dueFen)}`;
    default:
      return PAYMENT_TYPE_LABELS.none;
  }
}

// ---- staff

export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = { online: '在线', offline: '离线', maintenance: '维护中', unbound: '未绑定' };
export const DEVICE_STATUS_THEMES: Record<DeviceStatus, TagTheme> = { online: 'success', offline: 'danger', maintenance: 'warning', unbound: 'default' };

export const ORDER_STATE_LABELS: Record<CabinetOrderState, string> = {
  charging: '扣款中',
  paid: '已支付',
  unpaid: '待支付',
  review: '待审核',
  cancelled: '已取消',
};
export const ORDER_STATE_THEMES: Record<CabinetOrderState, TagTheme> = {
  charging: 'primary',
  paid: 'success',
  unpaid: 'warning',
  review: 'danger',
  cancelled: 'default',
};

export const ORDER_TYPE_LABELS: Record<CabinetOrderType, string> = { normal: '正常', corrected: '已修正', supplement: '补扣' };

export const TASK_KIND_LABELS: Record<ManualTaskKind, string> = {
  order_processing: '订单处理失败',
  vendor_call: '厂商调用失败',
  payscore_call: '支付分调用失败',
  amount_review: '金额超限',
  abnormal_order: '异常订单',
};

export const TASK_STATUS_LABELS: Record<ManualTaskStatus, string> = { open: '待处理', retrying: '重试中', resolved: '已解决', closed: '已关闭' };
export const TASK_STATUS_THEMES: Record<ManualTaskStatus, TagTheme> = { open: 'danger', retrying: 'primary', resolved: 'success', closed: 'default' };
