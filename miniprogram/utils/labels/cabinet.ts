import type { DeviceAvailability, PaymentChoice, SessionStatus } from '../../services/cabinet';
import { formatCount, formatFen } from '../format';

/**
 * Chinese labels of the cabinet context (diner pages and the staff cabinet pages), keyed by the
 * contract's unions: a new state fails the typecheck until it has a label.
 */
export const PAYMENT_CHOICE_LABELS: Record<PaymentChoice, string> = { payscore: '微信支付分', tickets: '礼票' };

export const AVAILABILITY_LABELS: Record<DeviceAvailability, string> = {
  available: '可使用',
  unbound: '未启用',
  offline: '离线',
  maintenance: '维护中',
  busy: '使用中',
};

export type TagTheme = 'primary' | 'success' | 'warning' | 'danger' | 'default';

export const AVAILABILITY_THEMES: Record<DeviceAvailability, TagTheme> = {
  available: 'success',
  unbound: 'default',
  offline: 'danger',
  maintenance: 'warning',
  busy: 'primary',
};

/** 购物中: the session's state as one headline and what to do now. */
export const SESSION_STATUS_TEXT: Record<SessionStatus, { title: string; hint: string }> = {
  opening: { title: '正在开门…', hint: '请稍候，柜门即将打开' },
  opened: { title: '柜门已打开', hint: '取完商品请关门，关门后自动结算' },
  closed: { title: '柜门已关闭', hint: '正在识别您取走的商品' },
  settling: { title: '正在结算', hint: '正在按您取走的商品自动扣款' },
  paid: { title: '支付成功', hint: '感谢惠顾' },
  unpaid: { title: '待支付', hint: '本次购物尚未付清，请完成支付；付清前不能再次开门' },
  review: { title: '人工审核中', hint: '订单需要店员核对后再扣款，结果会显示在订单中' },
  ended: { title: '购物已结束', hint: '本次没有扣款' },
};

/** Why an ended session ended, for the diner. */
export const END_REASON_TEXT: Record<string, string> = {
  door_not_opened: '柜门未能打开，本次没有扣款，请重新扫码',
  empty: '您没有取走商品，本次没有扣款',
  cancelled: '本次购物已取消，没有扣款',
};

export function endReasonText(reason: string | null): string {
  return (reason && END_REASON_TEXT[reason]) || SESSION_STATUS_TEXT.ended.hint;
}

/** 1–4 of 开门 → 取货 → 关门 → 结算 (t-steps `current`), per state. */
export const SESSION_STEP: Record<SessionStatus, number> = {
  opening: 0,
  opened: 1,
  closed: 2,
  settling: 3,
  paid: 4,
  unpaid: 3,
  review: 3,
  ended: 4,
};

/** How a settled session was paid: 微信支付分 ¥12.00 / 礼票 6,000 张 / 礼票 + 微信支付. */
export function paidHowText(session: { paymentMethod: PaymentChoice; ticketFen: number; ticketsUsed: number; wechatFen: number }): string {
  if (session.paymentMethod === 'payscore') return `${PAYMENT_CHOICE_LABELS.payscore} ${formatFen(session.wechatFen)}`;
  if (session.wechatFen > 0) return `礼票 ${formatCount(session.ticketsUsed)} 张（${formatFen(session.ticketFen)}）+ 微信支付 ${formatFen(session.wechatFen)}`;
  return `礼票 ${formatCount(session.ticketsUsed)} 张（${formatFen(session.ticketFen)}）`;
}
