import { appendAuditInTransaction } from '../../../shared/audit/audit-log';
import type { Transaction } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { creditTicketsInTransaction, postPointsEntryInTransaction } from '../../../shared/members/ledger';

/** Staff changes are audited in the same transaction as the ledger row they explain. */
interface AuditEntry {
  actorOpenid: string;
  actorName: string;
  actorRole: string;
  action: string;
  targetType: 'member';
  targetId: string;
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

/**
 * A busy member (payment, redemption and staff adjustments at once) must not fail the action:
 * write conflicts are retried with jittered backoff (runInTransaction), and the idempotency key
 * makes every attempt — and a caller's retry after 40902 — apply the change at most once.
 */
const TX = { attempts: 10 };

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

export async function adjustPoints(input: { openid: string; points: number; reason: string; idempotencyKey: string; actor: Actor }) {
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
      await writeAudit(tx, `member-points:adjust:${sourceId}`, {
        actorOpenid: input.actor.openid,
        actorName: input.actor.name,
        actorRole: input.actor.role,
        action: 'member.adjustPoints',
        targetType: 'member',
        targetId: input.openid,
        details: { points: input.points, reason: input.reason, balanceAfter: result.row.balanceAfter, idempotencyKey: input.idempotencyKey },
      });
    }
    return result;
  }, TX);
}

export async function topUpTickets(input: { openid: string; tickets: number; reason: string; idempotencyKey: string; actor: Actor }) {
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
      await writeAudit(tx, `member-tickets:topup:${sourceId}`, {
        actorOpenid: input.actor.openid,
        actorName: input.actor.name,
        actorRole: input.actor.role,
        action: 'member.topUpTickets',
        targetType: 'member',
        targetId: input.openid,
        details: { tickets: input.tickets, reason: input.reason, balanceAfter: result.row.balanceAfter, idempotencyKey: input.idempotencyKey },
      });
    }
    return result;
  }, TX);
}
