import { cancelSmartRetailOrder } from '../../../shared/payscore';
import type { SessionState } from '../../../../typings/api/cabinet-views';
import { holdsDevice, holdsDiner } from '../domain/session-state';
import type { SessionRecord } from '../domain/records';
import { releaseDevice } from '../repositories/devices';
import { releaseDiner } from '../repositories/diners';
import { patchSession } from '../repositories/sessions';
import { queueRetry } from './job-queue';

/**
 * Gives back what a session no longer needs once it reached `state`: the device once the door
 * cannot open or stand open any more, the diner once the order is in (an unpaid order stays owed).
 * Only locks still held by this session are touched (compare on the session id).
 */
export async function releaseLocks(session: SessionRecord, state: SessionState, owedOrderId: string | null = null): Promise<Partial<SessionRecord>> {
  const now = new Date();
  const changes: Partial<SessionRecord> = {};
  const work: Promise<void>[] = [];
  if (!session.deviceReleased && !holdsDevice(state)) {
    work.push(releaseDevice(session.deviceCode, session._id, now));
    changes.deviceReleased = true;
  }
  if (!session.dinerReleased && !holdsDiner(state) && session.purpose === 'shopping') {
    work.push(releaseDiner(session.openid, session._id, owedOrderId, now));
    changes.dinerReleased = true;
  }
  await Promise.all(work);
  return changes;
}

/** Cancels the session's Pay Score order (nothing charged); a failure goes to the retry queue. */
export async function cancelPayScore(session: Pick<SessionRecord, '_id' | 'paymentId' | 'storeId'>, reason: string): Promise<void> {
  if (!session.paymentId) return;
  try {
    await cancelSmartRetailOrder({ paymentId: session.paymentId, reason });
  } catch (error) {
    await queueRetry(
      'payscore.cancel',
      `payscore.cancel:${session.paymentId}`,
      { paymentId: session.paymentId, reason, sessionId: session._id },
      (error as Error)?.message ?? String(error),
      session.storeId,
    );
  }
}

/** Ends a session that never reached an order (timeout, refused command, cancelled): locks back, Pay Score cancelled. */
export async function endWithoutOrder(session: SessionRecord, state: SessionState, reason: string): Promise<void> {
  const released = await releaseLocks(session, state);
  if (Object.keys(released).length) await patchSession(session._id, released);
  await cancelPayScore(session, reason.slice(0, 50));
}
