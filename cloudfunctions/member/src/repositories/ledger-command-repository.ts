import { appendAuditInTransaction } from '../../../shared/audit/audit-log';
import { Collections } from '../../../shared/collections';
import { toShanghai } from '../../../shared/domain/time';
import { AppError } from '../../../shared/kit';
import { txFindById, type Transaction } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { creditTicketsInTransaction, postPointsEntryInTransaction } from '../../../shared/members/ledger';
import type { AdjustmentLimitValues } from '../../../../typings/api/member';
import { dailyUsageId, decideAdjustment, limitsFromDocument, type AdjustmentKind, type DailyUsage } from '../domain/adjustment-limits';
import { Errors } from '../errors';

/** Staff changes are audited in the same transaction as the ledger row they explain. */
interface AuditEntry {
  actorOpenid: string;
  actorName: string;
  actorRole: string;
  action: string;
  targetType: 'member';
  targetId: string;
  storeId: string;
  details: Record<string, unknown>;
}

function writeAudit(tx: Transaction, id: string, entry: AuditEntry): Promise<void> {
  return appendAuditInTransaction(tx, entry, { id, timeField: 'createdAt' });
}

export interface Actor {
  openid: string;
  name: string;
  role: string;
}

/** `member_store_daily_usage/<storeId>:<day>`: what staff of a store adjusted that day. */
export interface DailyUsageRecord extends DailyUsage {
  _id: string;
  storeId: string;
  day: string;
  updatedAt: Date;
}

/**
 * A busy member (payment, redemption and staff adjustments at once) must not fail the action:
 * write conflicts are retried with jittered backoff (runInTransaction), and the idempotency key
 * makes every attempt — and a caller's retry after 40902 — apply the change at most once.
 */
const TX = { attempts: 10 };

export function shanghaiDay(at: Date = new Date()): string {
  return toShanghai(at, 'YYYY-MM-DD');
}

export async function redeemPoints(input: { openid: string; points: number; reason: string; idempotencyKey: string }) {
  return runInTransaction(
    (tx) =>
      postPointsEntryInTransaction(tx, {
        openid: input.openid,
        sourceType: 'redeem',
        sourceId: `${input.openid}:${input.idempotencyKey}`,
        points: -input.points,
        reason: input.reason,
      }),
    TX,
  );
}

/**
 * Counts one adjustment against the store's limits, inside the adjustment's transaction. The
 * day counter document is written by every adjustment of the store, so two concurrent ones
 * conflict and the retry sees the other's usage: the day limit holds under concurrency.
 */
async function consumeStoreAllowance(tx: Transaction, storeId: string, kind: AdjustmentKind, amount: number): Promise<void> {
  const day = shanghaiDay();
  const usageId = dailyUsageId(storeId, day);
  const [limitsDoc, usage] = await Promise.all([
    txFindById<Partial<AdjustmentLimitValues>>(tx, Collections.memberStoreLimits, storeId),
    txFindById<DailyUsageRecord>(tx, Collections.memberStoreDailyUsage, usageId),
  ]);
  const decision = decideAdjustment(limitsFromDocument(limitsDoc), { points: usage?.points ?? 0, tickets: usage?.tickets ?? 0 }, kind, amount);
  if (!decision.allowed) {
    const unit = kind === 'points' ? '积分' : '张礼票';
    const details = { field: kind, storeId, limit: decision.limit, used: decision.used, requested: decision.requested };
    if (decision.exceeded === 'operation')
      throw new AppError(Errors.ADJUSTMENT_OVER_OPERATION_LIMIT, { message: `超出该门店的单笔上限：每笔最多 ${decision.limit} ${unit}`, details });
    throw new AppError(Errors.ADJUSTMENT_OVER_DAILY_LIMIT, {
      message: `超出该门店今日额度：每日最多 ${decision.limit} ${unit}，今日已用 ${decision.used}`,
      details,
    });
  }
  await tx
    .collection(Collections.memberStoreDailyUsage)
    .doc(usageId)
    .set({ data: { storeId, day, ...decision.usageAfter, updatedAt: new Date() } });
}

export async function adjustPoints(input: { openid: string; storeId: string; points: number; reason: string; idempotencyKey: string; actor: Actor }) {
  const sourceId = `${input.openid}:${input.idempotencyKey}`;
  return runInTransaction(async (tx) => {
    const result = await postPointsEntryInTransaction(tx, {
      openid: input.openid,
      sourceType: 'adjust',
      sourceId,
      points: input.points,
      reason: input.reason,
      operatorOpenid: input.actor.openid,
      requireExistingMember: true,
    });
    if (!result.alreadyApplied) {
      await consumeStoreAllowance(tx, input.storeId, 'points', input.points);
      await writeAudit(tx, `member-points:adjust:${sourceId}`, {
        actorOpenid: input.actor.openid,
        actorName: input.actor.name,
        actorRole: input.actor.role,
        action: 'member.adjustPoints',
        targetType: 'member',
        targetId: input.openid,
        storeId: input.storeId,
        details: { points: input.points, reason: input.reason, balanceAfter: result.row.balanceAfter, idempotencyKey: input.idempotencyKey },
      });
    }
    return result;
  }, TX);
}

export async function topUpTickets(input: { openid: string; storeId: string; tickets: number; reason: string; idempotencyKey: string; actor: Actor }) {
  const sourceId = `${input.openid}:${input.idempotencyKey}`;
  return runInTransaction(async (tx) => {
    const result = await creditTicketsInTransaction(tx, {
      openid: input.openid,
      sourceType: 'topup',
      sourceId,
      tickets: input.tickets,
      reason: input.reason,
      operatorOpenid: input.actor.openid,
      requireExistingMember: true,
    });
    if (!result.alreadyApplied) {
      await consumeStoreAllowance(tx, input.storeId, 'tickets', input.tickets);
      await writeAudit(tx, `member-tickets:topup:${sourceId}`, {
        actorOpenid: input.actor.openid,
        actorName: input.actor.name,
        actorRole: input.actor.role,
        action: 'member.topUpTickets',
        targetType: 'member',
        targetId: input.openid,
        storeId: input.storeId,
        details: { tickets: input.tickets, reason: input.reason, balanceAfter: result.row.balanceAfter, idempotencyKey: input.idempotencyKey },
      });
    }
    return result;
  }, TX);
}
