import { AppError, CommonErrors } from '../../kit/errors';
import { DELIVERY_LEASE_MS, INLINE_TIMEOUT_MS } from './attempt';
import type { OutboxDeps } from './deliver-due';
import type { OutboxRecord } from './outbox-record';

/**
 * Sends a dead event again now with a fresh retry schedule (same event id, so a receiver
 * that did process it earlier can recognise the duplicate).
 */
export async function replayDead<R extends OutboxRecord, P, K extends string>(
  deps: Omit<OutboxDeps<R, P, K>, 'loadParties'> & { loadParty(id: string): Promise<P | null> },
  id: string,
  canSeeStore: (storeId: string) => boolean,
): Promise<R> {
  const record = await deps.store.find(id);
  if (!record || !canSeeStore(record.storeId)) throw new AppError(CommonErrors.NOT_FOUND, { message: '事件不存在' });
  if (record.status !== 'dead') throw new AppError(CommonErrors.CONFLICT, { message: `事件状态为 ${record.status}，只能重放死信` });
  const now = new Date();
  if (!(await deps.store.claimDeadForReplay(record, new Date(now.getTime() + DELIVERY_LEASE_MS), now))) {
    throw new AppError(CommonErrors.CONFLICT, { message: '事件正在被重放，请刷新' });
  }
  const claimed: R = {
    ...record,
    status: 'delivering',
    attempts: record.attempts + 1,
    scheduleStart: record.attempts,
    replays: (record.replays ?? 0) + 1,
  };
  const outcome = await deps.attempt(claimed, await deps.loadParty(record.integrationId), INLINE_TIMEOUT_MS);
  await deps.store.finishAttempt(record._id, claimed.attempts, outcome.patch);
  await deps.log.record(outcome.log);
  return { ...claimed, ...outcome.patch };
}
