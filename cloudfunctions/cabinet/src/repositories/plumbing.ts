import { CabinetIntegrationCollections as owned } from '../../../shared/collections';
import { nonceStore } from '../../../shared/integration/nonce-store';
import { outboxStore } from '../../../shared/integration/outbox/outbox-store';
import { rateBucketStore } from '../../../shared/integration/rate-bucket-store';
import type { JobRecord } from '../domain/records';

/**
 * The shared integration plumbing (cloudfunctions/shared/integration) bound to the cabinet's
 * collections: the vendor's nonces and rate buckets, and the job queue (the outbox machinery:
 * claim with compare-and-set, leases, dead letters) that carries inbound messages being processed
 * and outbound calls being retried.
 */
export const cabinetNonces = nonceStore(owned.nonces);
export const cabinetRateBuckets = rateBucketStore(owned.rateBuckets);
export const cabinetJobs = outboxStore<JobRecord>(owned.outbox);
export const removeExpiredNonces = (now?: Date) => cabinetNonces.removeExpired(now);
export const removeExpiredRateBuckets = (now?: Date) => cabinetRateBuckets.removeExpired(now);
