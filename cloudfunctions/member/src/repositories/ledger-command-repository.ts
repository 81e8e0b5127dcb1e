import { appendAuditInTransaction } from '../../../shared/audit/audit-log';
import { getDatabase, type Transaction } from '../../../shared/repositories/database';
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

/** Retries on write conflicts: a busy member (payment + redemption at once) must not fail the redemption. */
const TX_RETRIES = 5;

export async function redeemPoints(input: { openid: string; points: number; reason: string; idempotencyKey: string }) {
  return getDatabase().runTransaction(
    (tx) =>
      postPointsEntryInTransaction(tx, {
        openid: input.openid,
        sourceType: 'redeem',
        sourceId: `${input.openid}:${input.idempotencyKey}`,
        points: -input.points,
        reason: input.reason,
      }),
    TX_RETRIES,
  );
}

export async function adjustPoints(input: { openid: string; points: number; reason: string; idempotencyKey: string; actor: Actor }) {
  const sourceId = `${input.openid}:${input.idempotencyKey}`;
  return getDatabase().runTransaction(async (tx) => {
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
  }, TX_RETRIES);
}

export async function topUpTickets(input: { openid: string; tickets: number; reason: string; idempotencyKey: string; actor: Actor }) {
  const sourceId = `${input.openid}:${input.idempotencyKey}`;
  return getDatabase().runTransaction(async (tx) => {
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
  }, TX_RETRIES);
}
