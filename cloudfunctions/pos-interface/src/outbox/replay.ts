import { AppError, CommonErrors } from '../../../shared/kit/errors';
import { findIntegrationById } from '../repositories/integration-repository';
import { claimDeadRecordForReplay, findOutboxRecord, finishOutboxAttempt } from '../repositories/outbox-repository';
import { recordSyncLog } from '../repositories/sync-log-repository';
import { attemptDelivery } from './deliver';
import { DELIVERY_LEASE_MS, INLINE_TIMEOUT_MS } from './enqueue';
import type { OutboxRecord } from './outbox-record';

/**
 * Sends a dead event again now with a fresh retry schedule (same event id, so a receiver
 * that did process it earlier can recognise the duplicate).
 */
export async function replayDeadLetter(id: string, canSeeStore: (storeId: string) => boolean): Promise<OutboxRecord> {
  const record = await findOutboxRecord(id);
  if (!record || !canSeeStore(record.storeId)) throw new AppError(CommonErrors.NOT_FOUND, { message: '事件不存在' });
  if (record.status !== 'dead') throw new AppError(CommonErrors.CONFLICT, { message: `事件状态为 ${record.status}，只能重放死信` });
  const now = new Date();
  if (!(await claimDeadRecordForReplay(record, new Date(now.getTime() + DELIVERY_LEASE_MS), now))) {
    throw new AppError(CommonErrors.CONFLICT, { message: '事件正在被重放，请刷新' });
  }
  const claimed: OutboxRecord = {
    ...record,
    status: 'delivering',
    attempts: record.attempts + 1,
    scheduleStart: record.attempts,
    replays: (record.replays ?? 0) + 1,
  };
  const outcome = await attemptDelivery(claimed, await findIntegrationById(record.integrationId), INLINE_TIMEOUT_MS);
  await finishOutboxAttempt(record._id, claimed.attempts, outcome.patch);
  await recordSyncLog(outcome.log);
  return { ...claimed, ...outcome.patch } as OutboxRecord;
}
