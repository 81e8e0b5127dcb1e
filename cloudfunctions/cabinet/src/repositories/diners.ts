import { Collections } from '../../../shared/collections';
import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { findById, getDatabase } from '../../../shared/repositories/database';
import type { DinerRecord } from '../domain/records';

const diners = () => getDatabase().collection<DinerRecord>(Collections.cabinetDiners);
const _ = () => getDatabase().command;

export async function findDiner(openid: string): Promise<DinerRecord | null> {
  return findById<DinerRecord>(Collections.cabinetDiners, openid);
}

export type DinerClaim = 'claimed' | 'held' | 'unpaid';

/**
 * Takes the diner for a session (one open session per diner): a compare-and-set on "no session
 * (or its hold ran out), nothing owed". A first-time diner's document is created by the claim.
 * One round trip on the usual path; on refusal one read says why.
 */
export async function claimDiner(openid: string, sessionId: string, lockUntil: Date, now: Date): Promise<{ outcome: DinerClaim; diner: DinerRecord | null }> {
  const free = _().or([{ sessionId: null }, { lockUntil: _().lt(now) }, { sessionId }]);
  const { stats } = await diners()
    .where(_().and([{ _id: openid }, free, { unpaidOrderIds: _().size(0) }]))
    .update({ data: { sessionId, lockUntil, updatedAt: now } });
  if (stats.updated === 1) return { outcome: 'claimed', diner: null };
  const diner = await findDiner(openid);
  if (!diner) {
    try {
      await diners().add({ data: { _id: openid, sessionId, lockUntil, unpaidOrderIds: [], updatedAt: now } });
      return { outcome: 'claimed', diner: null };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return { outcome: 'held', diner: await findDiner(openid) };
    }
  }
  return { outcome: diner.unpaidOrderIds.length > 0 ? 'unpaid' : 'held', diner };
}

/** The session is over for the diner (its order is in, or it ended); an unpaid order stays owed. */
export async function releaseDiner(openid: string, sessionId: string, owed: string | null, now: Date): Promise<void> {
  await diners()
    .where({ _id: openid, sessionId })
    .update({ data: { sessionId: null, lockUntil: null, updatedAt: now, ...(owed ? { unpaidOrderIds: _().addToSet(owed) } : {}) } });
}

export async function addOwed(openid: string, orderId: string, now: Date): Promise<void> {
  const { stats } = await diners()
    .where({ _id: openid })
    .update({ data: { unpaidOrderIds: _().addToSet(orderId), updatedAt: now } });
  if (stats.updated === 0) {
    await diners()
      .add({ data: { _id: openid, sessionId: null, lockUntil: null, unpaidOrderIds: [orderId], updatedAt: now } })
      .catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
  }
}

/** Orders found paid (or no longer owed) leave the list. */
export async function forgetOwed(openid: string, orderIds: string[], now: Date): Promise<void> {
  if (orderIds.length === 0) return;
  await diners()
    .where({ _id: openid })
    .update({ data: { unpaidOrderIds: _().pullAll(orderIds), updatedAt: now } });
}
