import { createHmac } from 'node:crypto';
import type { PosOutboxRecord } from '../domain/integration';

/**
 * The seed's webhook body `{event, timestamp, data, signature}`. `signature` binds the event
 * identity: hex HMAC-SHA256(secret, eventId + "\n" + event + "\n" + timestamp). Integrity of the
 * whole body is proven by the X-Signature header, which covers the raw body like inbound calls.
 */
export function bodySignature(secret: string, eventId: string, event: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${eventId}\n${event}\n${timestamp}`).digest('hex');
}

/** Deterministic for a record and secret, so a retry sends byte-identical content. */
export function buildWebhookBody(record: Pick<PosOutboxRecord, '_id' | 'event' | 'occurredAt' | 'data'>, secret: string): string {
  return JSON.stringify({
    event: record.event,
    timestamp: record.occurredAt,
    data: record.data,
    signature: bodySignature(secret, record._id, record.event, record.occurredAt),
  });
}
