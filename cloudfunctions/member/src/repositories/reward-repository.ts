import { randomBytes } from 'node:crypto';
import { appendAuditInTransaction } from '../../../shared/audit/audit-log';
import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit';
import { findById, getDatabase, txFindById } from '../../../shared/repositories/database';
import { postPointsEntryInTransaction } from '../../../shared/members/ledger';
import { MemberLedgerErrors } from '../../../shared/members/errors';
import { collectableAt, redemptionCodeFrom, type RedemptionRecord, type RewardRecord } from '../domain/rewards';
import { Errors } from '../errors';
import type { Actor } from './ledger-command-repository';

const TX_RETRIES = 5;

function rewards() {
  return getDatabase().collection<RewardRecord>(Collections.memberRewards);
}

function redemptions() {
  return getDatabase().collection<RedemptionRecord>(Collections.memberRedemptions);
}

/** The catalogue is small (one page of ≤ 100): cheapest first. */
export async function listActiveRewards(): Promise<RewardRecord[]> {
  const { data } = await rewards().where({ active: true }).orderBy('pointsCost', 'asc').orderBy('_id', 'asc').limit(100).get();
  return data;
}

export function findReward(rewardId: string): Promise<RewardRecord | null> {
  return findById<RewardRecord>(Collections.memberRewards, rewardId);
}

export type RewardFields = Pick<RewardRecord, 'name' | 'description' | 'pointsCost' | 'stock' | 'active' | 'storeIds'>;

export async function createReward(fields: RewardFields, by: string): Promise<RewardRecord> {
  const now = new Date();
  const record: RewardRecord = { _id: `rwd_${randomBytes(8).toString('hex')}`, ...fields, createdAt: now, updatedAt: now, updatedBy: by };
  const { _id, ...data } = record;
  await rewards().doc(_id).set({ data });
  return record;
}

/** Stock is set as a whole: "there are N left" is what a manager knows. */
export async function updateReward(current: RewardRecord, fields: RewardFields, by: string): Promise<RewardRecord> {
  const changes = { ...fields, updatedAt: new Date(), updatedBy: by };
  await rewards().doc(current._id).update({ data: changes });
  return { ...current, ...changes };
}

/**
 * One redemption = points debited (the shared ledger, never below zero) + one unit of stock +
 * the redemption record with its code, in ONE transaction. The redemption id is the caller's
 * idempotency key, so a retried request returns the first result instead of a second reward.
 */
export async function redeemReward(input: {
  openid: string;
  rewardId: string;
  idempotencyKey: string;
}): Promise<{ redemption: RedemptionRecord; balanceAfter: number; replayed: boolean }> {
  const id = `${input.openid}:${input.idempotencyKey}`;
  return getDatabase().runTransaction(async (tx) => {
    const [existing, reward] = await Promise.all([
      txFindById<RedemptionRecord>(tx, Collections.memberRedemptions, id),
      txFindById<RewardRecord>(tx, Collections.memberRewards, input.rewardId),
    ]);
    if (existing) {
      if (existing.rewardId !== input.rewardId) throw new AppError(MemberLedgerErrors.IDEMPOTENCY_KEY_REUSED, { details: { field: 'idempotencyKey' } });
      return { redemption: existing, balanceAfter: existing.balanceAfter, replayed: true };
    }
    if (!reward) throw new AppError(Errors.REWARD_NOT_FOUND, { details: { field: 'rewardId' } });
    if (!reward.active) throw new AppError(Errors.REWARD_INACTIVE, { details: { field: 'rewardId' } });
    if (!(reward.stock > 0)) throw new AppError(Errors.REWARD_OUT_OF_STOCK, { message: `「${reward.name}」已兑完`, details: { field: 'rewardId' } });
    const { row } = await postPointsEntryInTransaction(tx, {
      openid: input.openid,
      sourceType: 'redeem',
      sourceId: `${input.openid}:reward:${input.idempotencyKey}`,
      points: -reward.pointsCost,
      reason: `兑换奖品：${reward.name}`,
      requireExistingMember: true,
    });
    // Written from the value this transaction read: a concurrent redemption of the same reward
    // writes the same document, conflicts, and retries against the new stock.
    await tx
      .collection(Collections.memberRewards)
      .doc(reward._id)
      .update({ data: { stock: reward.stock - 1, updatedAt: new Date() } });
    const redemption: RedemptionRecord = {
      _id: id,
      code: redemptionCodeFrom(randomBytes(10)),
      openid: input.openid,
      rewardId: reward._id,
      rewardName: reward.name,
      points: reward.pointsCost,
      storeIds: [...(reward.storeIds ?? [])],
      status: 'issued',
      balanceAfter: row.balanceAfter,
      createdAt: new Date(),
      verifiedAt: null,
      verifiedBy: null,
      verifiedStoreId: null,
    };
    const { _id, ...data } = redemption;
    await tx.collection(Collections.memberRedemptions).doc(_id).set({ data });
    return { redemption, balanceAfter: row.balanceAfter, replayed: false };
  }, TX_RETRIES);
}

export async function listRedemptions(query: { openid: string; page: number; pageSize: number }): Promise<{ items: RedemptionRecord[]; total: number }> {
  const condition = { openid: query.openid };
  const [{ total }, { data }] = await Promise.all([
    redemptions().where(condition).count(),
    redemptions()
      .where(condition)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .get(),
  ]);
  return { items: data, total };
}

/** Staff at a store mark a code as handed over; audited in the same transaction. */
export async function verifyRedemption(input: { code: string; storeId: string; actor: Actor }): Promise<RedemptionRecord> {
  const { data: found } = await redemptions().where({ code: input.code }).limit(2).get();
  if (found.length !== 1) throw new AppError(Errors.REDEMPTION_NOT_FOUND, { details: { field: 'code' } });
  return getDatabase().runTransaction(async (tx) => {
    const current = await txFindById<RedemptionRecord>(tx, Collections.memberRedemptions, found[0]._id);
    if (!current) throw new AppError(Errors.REDEMPTION_NOT_FOUND, { details: { field: 'code' } });
    if (current.status === 'verified') {
      throw new AppError(Errors.REDEMPTION_ALREADY_VERIFIED, {
        details: {
          field: 'code',
          verifiedAt: current.verifiedAt ? new Date(current.verifiedAt).toISOString() : null,
          verifiedStoreId: current.verifiedStoreId,
        },
      });
    }
    if (!collectableAt(current, input.storeId)) throw new AppError(Errors.REWARD_NOT_AT_STORE, { details: { field: 'storeId' } });
    const changes = { status: 'verified' as const, verifiedAt: new Date(), verifiedBy: input.actor.openid, verifiedStoreId: input.storeId };
    await tx.collection(Collections.memberRedemptions).doc(current._id).update({ data: changes });
    await appendAuditInTransaction(
      tx,
      {
        actorOpenid: input.actor.openid,
        actorName: input.actor.name,
        actorRole: input.actor.role,
        action: 'member.verifyRedemption',
        targetType: 'redemption',
        targetId: current._id,
        storeId: input.storeId,
        details: { code: current.code, rewardId: current.rewardId, rewardName: current.rewardName, points: current.points, member: current.openid },
      },
      { id: `member-redemption:verify:${current._id}`, timeField: 'createdAt' },
    );
    return { ...current, ...changes };
  }, TX_RETRIES);
}
