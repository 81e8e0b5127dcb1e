import type { SealedSecret } from '../domain/secret-box';
import type { MemberLevel } from './program';

/**
 * A member's document. `_id` IS the openid: transactions can only address single documents,
 * so every ledger write reaches the balance with `doc(openid)`.
 */
export interface MemberRecord {
  _id: string;
  openid: string;
  nickname: string;
  /**
   * Legacy clear number (documents written before phones were encrypted); migrated on read to
   * `phoneSealed` + `phoneIndex` and then null. New documents never carry it.
   */
  phone?: string | null;
  /** the number sealed with the secret box (phone-vault.ts); leaves the system masked except to its owner */
  phoneSealed?: SealedSecret | null;
  /** keyed blind index of the number (HMAC), for exact lookup; `_id` of its member_phone_claims document */
  phoneIndex?: string | null;
  /** spendable points balance */
  points: number;
  /** cumulative earned points (net of refund reversals); decides the level, redemptions never lower it */
  totalEarned: number;
  /** gift-ticket (礼票) balance */
  tickets: number;
  levelCode: string;
  levelName: string;
  createdAt: Date;
  updatedAt: Date;
}

export function newMemberRecord(openid: string, level: MemberLevel, now: Date = new Date()): MemberRecord {
  return {
    _id: openid,
    openid,
    nickname: '',
    phoneSealed: null,
    phoneIndex: null,
    points: 0,
    totalEarned: 0,
    tickets: 0,
    levelCode: level.code,
    levelName: level.name,
    createdAt: now,
    updatedAt: now,
  };
}

/** Points ledger row; `_id` = `${sourceType}:${sourceId}` makes each source credit once. */
export interface PointsLogRecord {
  _id: string;
  openid: string;
  /** the store the money moved at (payments and refunds): the diner's ledger shows its name */
  storeId?: string;
  /** signed: + earned/adjusted, − redeemed/reversed */
  points: number;
  reason: string;
  sourceType: PointsSourceType;
  sourceId: string;
  balanceAfter: number;
  createdAt: Date;
  /** earning rows: the amount paid, and a running count of what refunds took back */
  paidFen?: number;
  refundedFen?: number;
  reversedPoints?: number;
  /** reversal rows: which earning they reverse */
  earnedSourceId?: string;
  refundFen?: number;
  /** staff adjustments */
  operatorOpenid?: string;
}

export type PointsSourceType = 'payment' | 'refund' | 'redeem' | 'adjust';

export interface TicketLogRecord {
  _id: string;
  openid: string;
  /** the store the money moved at (payments and refunds): the diner's ledger shows its name */
  storeId?: string;
  /** signed: + top-up/refund, − spent */
  tickets: number;
  reason: string;
  sourceType: TicketSourceType;
  sourceId: string;
  balanceAfter: number;
  createdAt: Date;
  amountFen?: number;
  operatorOpenid?: string;
}

export type TicketSourceType = 'payment' | 'refund' | 'topup';

export function ledgerId(sourceType: string, sourceId: string): string {
  return `${sourceType}:${sourceId}`;
}
