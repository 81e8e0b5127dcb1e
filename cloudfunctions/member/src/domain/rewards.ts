import type { RedemptionStatus, RedemptionView, RewardView } from '../../../../typings/api/member';
import { toShanghai } from '../../../shared/domain/time';

/** `member_rewards/<rewardId>`: one entry of the points-redemption catalogue. */
export interface RewardRecord {
  _id: string;
  name: string;
  description: string;
  pointsCost: number;
  /** never below 0: each redemption takes one in its transaction */
  stock: number;
  active: boolean;
  /** where it can be collected; empty = every store */
  storeIds: string[];
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/**
 * `member_redemptions/<openid>:<idempotencyKey>`: what a diner got for their points. The id makes
 * one redemption per user intent; `code` is what staff verify at the counter.
 */
export interface RedemptionRecord {
  _id: string;
  code: string;
  openid: string;
  rewardId: string;
  rewardName: string;
  points: number;
  storeIds: string[];
  status: RedemptionStatus;
  balanceAfter: number;
  createdAt: Date;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  verifiedStoreId: string | null;
}

/** Unambiguous alphabet (no 0/O, 1/I/L): codes are read aloud and typed by staff. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;

/** A redemption code from random bytes (one byte per character; the bias of 256 mod 31 is irrelevant here). */
export function redemptionCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new RangeError('need 10 random bytes');
  return Array.from(bytes.subarray(0, CODE_LENGTH), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export function toRewardView(reward: RewardRecord): RewardView {
  return {
    rewardId: reward._id,
    name: reward.name,
    description: reward.description ?? '',
    pointsCost: reward.pointsCost,
    stock: Math.max(0, reward.stock ?? 0),
    active: reward.active === true,
    storeIds: [...(reward.storeIds ?? [])],
  };
}

export function toRedemptionView(record: RedemptionRecord): RedemptionView {
  const createdAt = new Date(record.createdAt);
  const verifiedAt = record.verifiedAt ? new Date(record.verifiedAt) : null;
  return {
    code: record.code,
    rewardId: record.rewardId,
    rewardName: record.rewardName,
    points: record.points,
    status: record.status,
    createdAt: createdAt.toISOString(),
    createdAtText: toShanghai(createdAt, 'YYYY-MM-DD HH:mm'),
    verifiedAt: verifiedAt ? verifiedAt.toISOString() : null,
    verifiedAtText: verifiedAt ? toShanghai(verifiedAt, 'YYYY-MM-DD HH:mm') : null,
    verifiedStoreId: record.verifiedStoreId ?? null,
  };
}

/** A store manager manages only rewards limited to their own stores; admins any. */
export function canManageReward(staff: { role: string; storeIds: readonly string[] }, storeIds: readonly string[]): boolean {
  if (staff.role === 'admin') return true;
  return storeIds.length > 0 && storeIds.every((id) => staff.storeIds.includes(id));
}

/** Where a redemption can be collected. */
export function collectableAt(redemption: { storeIds?: readonly string[] }, storeId: string): boolean {
  return !redemption.storeIds?.length || redemption.storeIds.includes(storeId);
}
