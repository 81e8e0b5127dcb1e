import { createHash } from 'node:crypto';

export type SyncDirection = 'inbound' | 'outbound';
export type SyncKind =
  'order.sync' | 'orders.batch-sync' | 'menu.sync' | 'menu.push' | 'webhook.delivery' | 'vendor.webhook' | 'oauth.token' | 'ping' | 'test-connection';

/** A document of `pos_sync_logs`: one per inbound or outbound exchange. Never holds secrets. */
export interface SyncLog {
  _id?: string;
  integrationId: string;
  storeId: string;
  direction: SyncDirection;
  kind: SyncKind;
  requestId: string;
  status: 'success' | 'partial' | 'failed';
  counts: { total: number; success: number; failed: number };
  durationMs: number;
  error?: { code: number | string; message: string };
  /** sha256 of the exchanged payload: proves what was sent without storing it */
  payloadDigest: string;
  /** what the exchange concerned (event id, attempt, push id, chunk, HTTP status): ids and numbers only */
  meta?: Record<string, string | number | boolean>;
  createdAt: Date;
}

export function digestPayload(payload: string | Buffer): string {
  return createHash('sha256').update(payload).digest('hex');
}

export { maskPhonesInText as maskPhones } from '../../../shared/domain/phone';
