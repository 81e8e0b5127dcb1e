import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { DELIVERY_LEASE_MS } from '../../../shared/integration/outbox/attempt';
import { RETRY_DELAYS_MS } from '../domain/retry-schedule';
import type { JobKind, JobRecord } from '../domain/records';
import { cabinetJobs } from '../repositories/plumbing';

/**
 * Puts work on the persisted job queue (`cabinet_jobs`, the shared outbox machinery): an inbound
 * vendor message to process, or an outbound call to retry. `inline`: the caller runs the first
 * attempt now (the record is written already claimed, so no timer takes it meanwhile); otherwise
 * the first scheduled retry is due in 15 s (the inline attempt that failed was attempt 1).
 */
export function newJob(
  kind: JobKind,
  id: string,
  data: Record<string, unknown>,
  options: { inline: boolean; storeId?: string; vendor?: string },
  now = new Date(),
): JobRecord {
  return {
    _id: id,
    integrationId: options.vendor ?? 'xiaomai',
    storeId: options.storeId ?? '',
    event: kind,
    data,
    occurredAt: now.toISOString(),
    status: options.inline ? 'delivering' : 'pending',
    attempts: 1,
    scheduleStart: 0,
    nextAttemptAt: options.inline ? now : new Date(now.getTime() + RETRY_DELAYS_MS[0]),
    ...(options.inline ? { leaseUntil: new Date(now.getTime() + DELIVERY_LEASE_MS) } : {}),
    lastAttemptAt: now,
    replays: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Inserts a job; false when one with this id exists (the same vendor message again, the same retry already queued). */
export async function insertJob(job: JobRecord): Promise<boolean> {
  try {
    await cabinetJobs.insert([job]);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** A call that failed inline, queued for the 15 / 30 / 60 s retries. */
export async function queueRetry(kind: JobKind, id: string, data: Record<string, unknown>, lastError: string, storeId?: string): Promise<void> {
  const job = { ...newJob(kind, id, data, { inline: false, storeId }), lastError: lastError.slice(0, 300) };
  await insertJob(job);
}
