/**
 * A document of a webhook outbox (`webhook_outbox` for pos-interface): one event for one
 * integration (the party that subscribed to it); `E` is the context's event names. `_id` is the event id the
 * receiver sees in X-Event-Id on every attempt (its idempotency key).
 *
 * pending ──claim──▶ delivering ──2xx──▶ delivered
 *    ▲                   │ failure, attempts left
 *    └───────────────────┘
 *                        │ failure after the last attempt
 *                        ▼
 *                      dead ──replay──▶ delivering
 */
export type OutboxStatus = 'pending' | 'delivering' | 'delivered' | 'dead';

export interface OutboxRecord<E extends string = string> {
  _id: string;
  integrationId: string;
  storeId: string;
  event: E;
  data: Record<string, unknown>;
  /** ISO instant in the body's `timestamp`; fixed so every attempt sends the same body */
  occurredAt: string;
  status: OutboxStatus;
  /** attempts made so far, including one in flight */
  attempts: number;
  /** attempts value when the current retry schedule began (0, or the count at the last replay) */
  scheduleStart: number;
  nextAttemptAt: Date | string;
  /** while delivering: after this instant another timer may take the record over (crashed sender) */
  leaseUntil?: Date | string;
  lastAttemptAt?: Date | string;
  lastStatus?: number;
  lastError?: string;
  deliveredAt?: Date | string;
  deadAt?: Date | string;
  replays: number;
  createdAt: Date | string;
  updatedAt: Date | string;
}
