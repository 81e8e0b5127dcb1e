export { DELIVERY_LEASE_MS, INLINE_TIMEOUT_MS, type AttemptDelivery, type AttemptOutcome } from './attempt';
export { mapWithConcurrency } from './concurrency';
export { deliverDue, MAX_PER_INTEGRATION_PER_RUN, writeAndAttempt, type DeliverDueOptions, type DeliverDueResult, type OutboxDeps } from './deliver-due';
export { FairSelection, type DueRecord } from './fair-share';
export type { OutboxRecord, OutboxStatus } from './outbox-record';
export { outboxStore, type OutboxFilter, type OutboxStore } from './outbox-store';
export { MAX_ATTEMPTS, nextRetryDelayMs, retryCeilingMs } from './retry-schedule';
export { replayDead } from './replay';
