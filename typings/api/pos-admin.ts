/** Contracts of pos-interface's staff actions (integrations, sync logs, webhooks, menu push). Type-only. */

export type PosVendor = 'standard' | 'keruyun' | '2dfire' | 'meituan';
export type WebhookEvent = 'menu.sync.completed' | 'order.carbon.calculated' | 'carbon.label.updated';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** An integration as staff see it: fingerprints, never secrets. Instants are ISO strings. */
export interface PosIntegrationView {
  _id: string;
  name: string;
  vendor: PosVendor;
  storeId: string;
  restaurantId: string;
  apiKey: string;
  secretFingerprint: string;
  previousSecrets: { fingerprint: string; expiresAt: string }[];
  vendorSecretFingerprint?: string;
  endpoint: string;
  webhookUrl: string;
  events: WebhookEvent[];
  ipWhitelist: string[];
  rateLimitPerMinute: number;
  status: 'active' | 'disabled';
  vendorConfig: Record<string, string>;
  lastTestAt?: string;
  lastTestLatencyMs?: number;
  lastTestOk?: boolean;
  lastTestError?: string;
  lastMenuPushAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateIntegrationInput {
  storeId: string;
  vendor: PosVendor;
  name: string;
  restaurantId?: string;
  endpoint?: string;
  webhookUrl?: string;
  events?: WebhookEvent[];
  ipWhitelist?: string[];
  rateLimitPerMinute?: number;
  vendorConfig?: Record<string, string>;
  vendorSecret?: string;
}

/** The plaintext secret appears only in this reply (and in a rotation's). */
export interface CreateIntegrationResult {
  integration: PosIntegrationView;
  apiKey: string;
  secret: string;
  secretNotice: string;
}

export interface RotateSecretResult {
  integration: PosIntegrationView;
  secret: string;
  previousSecretExpiresAt: string | null;
  secretNotice: string;
}

export interface TestConnectionResult {
  ok: boolean;
  httpStatus: number;
  latencyMs: number;
  error?: string;
  testedAt: string;
}

export interface SyncLogView {
  _id: string;
  integrationId: string;
  storeId: string;
  direction: 'inbound' | 'outbound';
  kind: string;
  requestId: string;
  status: 'success' | 'partial' | 'failed';
  counts: { total: number; success: number; failed: number };
  durationMs: number;
  error?: { code: number | string; message: string };
  payloadDigest: string;
  meta?: Record<string, string | number | boolean>;
  createdAt: string;
}

export interface SyncLogFilter {
  integrationId?: string;
  direction?: 'inbound' | 'outbound';
  kind?: string;
  status?: 'success' | 'partial' | 'failed';
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface WindowHealth {
  total: number;
  success: number;
  partial: number;
  failed: number;
  successRate: number | null;
  avgDurationMs: number | null;
  score: number | null;
  grade: 'healthy' | 'degraded' | 'unhealthy' | 'idle';
}

export interface IntegrationHealthResult {
  generatedAt: string;
  formula: string;
  integrations: { integrationId: string; last24h: WindowHealth; last7d: WindowHealth }[];
}

export interface WebhookEventView {
  _id: string;
  integrationId: string;
  storeId: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
  occurredAt: string;
  status: 'pending' | 'delivering' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt?: string;
  lastStatus?: number;
  lastError?: string;
  deliveredAt?: string;
  deadAt?: string;
  replays: number;
  createdAt: string;
  updatedAt: string;
}

export interface MenuPushView {
  _id: string;
  integrationId: string;
  storeId: string;
  vendor: PosVendor;
  syncType: 'full' | 'incremental';
  status: 'running' | 'success' | 'partial' | 'failed';
  chunksTotal: number;
  chunksDone: number;
  totalCount: number;
  successCount: number;
  failedCount: number;
  failedItems: { itemId: string; reason: string }[];
  chunks: { index: number; itemCount: number; status: 'success' | 'partial' | 'failed'; httpStatus: number; durationMs: number; error?: string }[];
  startedAt: string;
  finishedAt?: string;
  /** set when the push was cut off (function timeout) */
  abortReason?: string;
  eventId?: string;
}
