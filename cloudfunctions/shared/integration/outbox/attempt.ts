import type { SyncLog } from '../exchange-log';
import type { OutboxRecord } from './outbox-record';

/** A record in flight is left alone this long; after it a timer assumes the sender died. */
export const DELIVERY_LEASE_MS = 60_000;
/** Per-request timeout of an attempt a caller waits for (inline first attempts, replays). */
export const INLINE_TIMEOUT_MS = 3000;

export interface AttemptOutcome<R extends OutboxRecord = OutboxRecord, K extends string = string> {
  delivered: boolean;
  /** the record update that ends the attempt */
  patch: Partial<R>;
  log: SyncLog<K>;
}

/**
 * How a context delivers one event of its outbox to the party that subscribed (signing, body
 * format, the party's URL). Called with a record already claimed (its `attempts` counts this
 * attempt); must never throw, so one bad record cannot stop a timer run.
 */
export type AttemptDelivery<R extends OutboxRecord, P, K extends string = string> = (
  record: R,
  party: P | null,
  timeoutMs: number,
) => Promise<AttemptOutcome<R, K>>;
