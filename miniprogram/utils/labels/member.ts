import type { LedgerEntryView, RedemptionStatus, SessionMember, SessionRole } from '../../../typings/api/member';
import { dinerReason, formatCount, formatDateTime } from '../format';

/**
 * Chinese labels of the member context, in one place for every page (diner pages, 我的, 工作台,
 * 开发设置, checkout). Maps keyed by a contract union are `Record<Union, string>`: a new role fails
 * the typecheck until it has a label.
 */
export const ROLE_LABELS: Record<SessionRole, string> = {
  diner: '顾客',
  admin: '管理员',
  manager: '店长',
  clerk: '店员',
};

/** A level's discount as diners read it: 0.95 → 「9.5 折」, 0.9 → 「9 折」, 1 → 「无折扣」. */
export function discountLabel(rate: number): string {
  if (rate >= 1) return '无折扣';
  return `${Number((rate * 10).toFixed(2))} 折`;
}

/** 「绿叶会员 · 120 积分」: the member summary under a greeting (首页, 我的). */
export function memberSummaryLine(member: SessionMember): string {
  return `${member.levelName || '会员'} · ${member.points} 积分`;
}

/** A redemption's state as the diner and the counter read it. */
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  issued: '待核销',
  verified: '已核销',
};

/** One row of 积分明细 / 礼票明细 (the same ledger view, points or tickets). */
export interface LedgerRow {
  id: string;
  reason: string;
  time: string;
  changeText: string;
  positive: boolean;
  balanceText: string;
}

/** `+69` / `余额 1,069`, or with a unit `-14,000 张` / `余额 6,000 张`; times in Asia/Shanghai; no internal order ids. */
export function ledgerRow(entry: LedgerEntryView, unit = ''): LedgerRow {
  const suffix = unit ? ` ${unit}` : '';
  return {
    id: entry.id,
    reason: dinerReason(entry.reason),
    time: formatDateTime(entry.createdAt),
    changeText: `${entry.change > 0 ? '+' : entry.change < 0 ? '-' : ''}${formatCount(Math.abs(entry.change))}${suffix}`,
    positive: entry.change > 0,
    balanceText: `余额 ${formatCount(entry.balanceAfter)}${suffix}`,
  };
}
