import type { SyncKind } from '../../../../typings/api/pos-interface';
import { PosIntegrationCollections as owned } from '../../../shared/collections';
import { exchangeLogStore } from '../../../shared/integration/exchange-log-store';
import { nonceStore } from '../../../shared/integration/nonce-store';
import { outboxStore } from '../../../shared/integration/outbox/outbox-store';
import { rateBucketStore } from '../../../shared/integration/rate-bucket-store';
import type { PosOutboxRecord } from '../domain/integration';

/**
 * The shared integration plumbing (cloudfunctions/shared/integration) bound to pos-interface's
 * collections: the POS's nonces, rate buckets, sync logs and webhook outbox.
 */
export const posNonces = nonceStore(owned.nonces);
export const posRateBuckets = rateBucketStore(owned.rateBuckets);
export const posSyncLogs = exchangeLogStore<SyncKind>(owned.exchangeLog);
export const posOutbox = outboxStore<PosOutboxRecord>(owned.outbox);

export const {
  record: recordSyncLog,
  recordMany: recordSyncLogs,
  list: listSyncLogs,
  find: findSyncLog,
  countByIntegration: countSyncLogsByIntegration,
} = posSyncLogs;
export const { list: listOutboxRecords } = posOutbox;
export const removeExpiredNonces = (now?: Date) => posNonces.removeExpired(now);
export const removeExpiredRateBuckets = (now?: Date) => posRateBuckets.removeExpired(now);
