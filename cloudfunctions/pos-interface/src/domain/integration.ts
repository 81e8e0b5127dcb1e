import type { SealedSecret } from '../../../shared/domain/secret-box';
import type { SyncLog } from '../../../shared/integration/exchange-log';
import type { OutboxRecord } from '../../../shared/integration/outbox/outbox-record';
import { POS_VENDORS, WEBHOOK_EVENTS, type PosVendor, type SyncKind, type WebhookEvent } from '../../../../typings/api/pos-interface';

// The vocabulary is declared once, in the contract; the domain speaks it.
export { POS_VENDORS, WEBHOOK_EVENTS, type PosVendor };
export type WebhookEventName = WebhookEvent;

/** A document of `pos_sync_logs` (the shared exchange log with pos-interface's kinds). */
export type PosSyncLog = SyncLog<SyncKind>;
/** A document of `webhook_outbox` (the shared outbox with pos-interface's events). */
export type PosOutboxRecord = OutboxRecord<WebhookEventName>;
export type { SyncKind };

/** A document of `pos_integrations`. The secret is sealed; plaintext exists only at creation. */
export interface PosIntegration {
  _id: string;
  name: string;
  vendor: PosVendor;
  storeId: string;
  /** the `restaurantId` the POS sends; defaults to storeId */
  restaurantId: string;
  apiKey: string;
  secret: SealedSecret;
  /** first 12 hex of sha256(secret), to recognise a secret without revealing it */
  secretFingerprint: string;
  /** secrets replaced by a rotation, still accepted until expiresAt */
  previousSecrets: { secret: SealedSecret; fingerprint: string; expiresAt: Date | string }[];
  /** the POS's base URL for outbound calls (menu push, test connection) */
  endpoint: string;
  webhookUrl: string;
  events: WebhookEventName[];
  ipWhitelist: string[];
  rateLimitPerMinute: number;
  status: 'active' | 'disabled';
  /**
   * The vendor's own signing secret (客如云 token, 二维火 app secret, 美团 signKey) for outbound
   * calls through a vendor adapter; sealed like `secret`, with AAD `${apiKey}:vendor`. Write-only.
   */
  vendorSecret?: SealedSecret;
  vendorSecretFingerprint?: string;
  /** vendor-specific public parameters (appKey, shopIdenty, entityId, developerId, …) */
  vendorConfig?: Record<string, string>;
  lastTestAt?: Date | string;
  lastTestLatencyMs?: number;
  lastTestOk?: boolean;
  lastTestError?: string;
  /** start of the last menu push that reached the POS: the `since` of the next incremental push */
  lastMenuPushAt?: Date | string;
  createdAt: Date | string;
  updatedAt: Date | string;
}
