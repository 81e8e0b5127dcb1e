import { deliverDue, type DeliverDueOptions, type DeliverDueResult } from '../../../shared/integration/outbox/deliver-due';
import { replayDead } from '../../../shared/integration/outbox/replay';
import type { PosOutboxRecord } from '../domain/integration';
import { findIntegrationById, findIntegrationsByIds } from '../repositories/integration-repository';
import { posOutbox, posSyncLogs } from '../repositories/integration-plumbing';
import { attemptDelivery } from './deliver';

export { enqueueWebhookEvents, type WebhookEventInput, type EnqueueOptions, type EnqueueResult } from './enqueue';
export type { DeliverDueOptions, DeliverDueResult };

/** pos-interface's webhook outbox on the shared delivery machinery: `webhook_outbox`, signed by the integration's secret. */
const outbox = { store: posOutbox, log: posSyncLogs, attempt: attemptDelivery };

/** The timer's job: retries every due webhook once (shared/integration/outbox/deliver-due.ts). */
export function deliverDueWebhooks(options: DeliverDueOptions = {}): Promise<DeliverDueResult> {
  return deliverDue({ ...outbox, loadParties: async (ids) => new Map((await findIntegrationsByIds(ids)).map((i) => [i._id, i])) }, options);
}

/** Sends a dead event again now with a fresh retry schedule. */
export function replayDeadLetter(id: string, canSeeStore: (storeId: string) => boolean): Promise<PosOutboxRecord> {
  return replayDead({ ...outbox, loadParty: findIntegrationById }, id, canSeeStore);
}
