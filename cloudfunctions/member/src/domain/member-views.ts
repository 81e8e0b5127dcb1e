import type { LedgerEntryView, LevelView, MemberProfile, MemberStaffView } from '../../../../typings/api/member';
import { maskPhone } from '../../../shared/domain/phone';
import { toShanghai } from '../../../shared/domain/time';
import { levelProgress } from '../../../shared/members/levels';
import type { MemberRecord } from '../../../shared/members/member-record';
import type { LoyaltyProgram, MemberLevel } from '../../../shared/members/program';

export function toLevelView(level: MemberLevel): LevelView {
  return { code: level.code, name: level.name, minPoints: level.minPoints, discountRate: level.discountPermille / 1000 };
}

/**
 * The owner's own view; the level is derived from the live programme, not the cached label.
 * `phone` is the revealed number (the document holds it sealed, see shared/members/phone-vault).
 */
export function toProfile(member: MemberRecord, program: LoyaltyProgram, phone: string | null): MemberProfile {
  const progress = levelProgress(member.totalEarned ?? 0, program.levels);
  return {
    openid: member.openid,
    nickname: member.nickname ?? '',
    phone,
    level: toLevelView(progress.current),
    nextLevel: progress.next ? toLevelView(progress.next) : null,
    pointsToNext: progress.pointsToNext,
    progressPercent: progress.percent,
    points: member.points ?? 0,
    totalEarned: member.totalEarned ?? 0,
    tickets: member.tickets ?? 0,
  };
}

/** Anyone other than the owner gets the masked phone only. */
export function toStaffView(member: MemberRecord, program: LoyaltyProgram, phone: string | null): MemberStaffView {
  const progress = levelProgress(member.totalEarned ?? 0, program.levels);
  return {
    openid: member.openid,
    nickname: member.nickname ?? '',
    phoneMasked: phone ? maskPhone(phone) : null,
    levelName: progress.current.name,
    points: member.points ?? 0,
    totalEarned: member.totalEarned ?? 0,
    tickets: member.tickets ?? 0,
  };
}

export function toLedgerEntry(
  row: { _id: string; reason: string; sourceType: string; balanceAfter: number; createdAt: Date | string },
  change: number,
  /** the store the row names (payments and refunds): the diner reads `气候餐厅（示范店） · 订单 MOPAY001 支付` */
  storeName?: string,
): LedgerEntryView {
  const createdAt = new Date(row.createdAt);
  return {
    id: row._id,
    change,
    reason: storeName ? `${storeName} · ${row.reason}` : row.reason,
    sourceType: row.sourceType,
    balanceAfter: row.balanceAfter,
    createdAt: createdAt.toISOString(),
    createdAtText: toShanghai(createdAt, 'YYYY-MM-DD HH:mm'),
  };
}
