/**
 * Contract of the `pos-interface` context's staff actions (POS integrations, sync logs, webhooks,
 * menu push). The function implements it (cloudfunctions/pos-interface/src/index.ts); the admin
 * pages call it through `api.posInterface` (type-only). The POS-facing `/v1/pos` HTTP routes are
 * not actions: their contract is cloudfunctions/pos-interface/src/handlers/http/contract.ts.
 *
 * Instants: reply types take an `Instant` parameter. The function fills them from stored
 * documents (`Date`, or an ISO string in data written as text), the mini-program receives
 * `IsoInstant` (the default).
 */
import { z } from 'zod';
import { idSchema, MANAGER_ROLES, type IsoInstant, type Page } from './common';
import { action, defineContract, pingSpec, returns } from './contract';

export const POS_VENDORS = ['standard', 'keruyun', '2dfire', 'meituan'] as const;
export type PosVendor = (typeof POS_VENDORS)[number];

export const WEBHOOK_EVENTS = ['menu.sync.completed', 'order.carbon.calculated', 'carbon.label.updated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Every kind of exchange a sync log records. */
export const SYNC_KINDS = [
  'order.sync',
  'orders.batch-sync',
  'menu.sync',
  'menu.push',
  'webhook.delivery',
  'vendor.webhook',
  'oauth.token',
  'ping',
  'test-connection',
] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
export const SYNC_DIRECTIONS = ['inbound', 'outbound'] as const;
export const SYNC_STATUSES = ['success', 'partial', 'failed'] as const;
export const OUTBOX_STATUSES = ['pending', 'delivering', 'delivered', 'dead'] as const;

/** How long a replaced secret keeps working after a rotation, by default and at most. */
export const DEFAULT_ROTATION_GRACE_HOURS = 24;
export const MAX_ROTATION_GRACE_HOURS = 168;

/** An instant as a stored document holds it: what the function returns in a reply. */
type Stored = Date | IsoInstant;

// ---- replies -------------------------------------------------------------------------------

/** An integration as staff see it: fingerprints, never secrets. */
export interface PosIntegrationView<Instant = IsoInstant> {
  _id: string;
  name: string;
  vendor: PosVendor;
  storeId: string;
  restaurantId: string;
  apiKey: string;
  secretFingerprint: string;
  previousSecrets: { fingerprint: string; expiresAt: Instant }[];
  vendorSecretFingerprint?: string;
  endpoint: string;
  webhookUrl: string;
  events: WebhookEvent[];
  ipWhitelist: string[];
  rateLimitPerMinute: number;
  status: 'active' | 'disabled';
  vendorConfig: Record<string, string>;
  lastTestAt?: Instant;
  lastTestLatencyMs?: number;
  lastTestOk?: boolean;
  lastTestError?: string;
  lastMenuPushAt?: Instant;
  createdAt: Instant;
  updatedAt: Instant;
}

/** The plaintext secret appears only in this reply (and in a rotation's). */
export interface CreateIntegrationResult<Instant = IsoInstant> {
  integration: PosIntegrationView<Instant>;
  apiKey: string;
  secret: string;
  secretNotice: string;
}

export interface RotateSecretResult<Instant = IsoInstant> {
  integration: PosIntegrationView<Instant>;
  secret: string;
  previousSecretExpiresAt: Instant | null;
  secretNotice: string;
}

export interface DeleteIntegrationResult {
  deleted: true;
  integrationId: string;
}

export interface TestConnectionResult {
  ok: boolean;
  httpStatus: number;
  latencyMs: number;
  error?: string;
  /** the start of the POS's reply, phones masked */
  reply?: string;
  testedAt: IsoInstant;
}

export interface SyncLogView<Instant = IsoInstant> {
  _id: string;
  integrationId: string;
  storeId: string;
  direction: (typeof SYNC_DIRECTIONS)[number];
  kind: string;
  requestId: string;
  status: (typeof SYNC_STATUSES)[number];
  counts: { total: number; success: number; failed: number };
  durationMs: number;
  error?: { code: number | string; message: string };
  payloadDigest: string;
  meta?: Record<string, string | number | boolean>;
  createdAt: Instant;
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
  generatedAt: IsoInstant;
  formula: string;
  integrations: { integrationId: string; last24h: WindowHealth; last7d: WindowHealth }[];
}

export interface WebhookEventView<Instant = IsoInstant> {
  _id: string;
  integrationId: string;
  storeId: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
  occurredAt: IsoInstant;
  status: (typeof OUTBOX_STATUSES)[number];
  attempts: number;
  nextAttemptAt: Instant;
  lastAttemptAt?: Instant;
  lastStatus?: number;
  lastError?: string;
  deliveredAt?: Instant;
  deadAt?: Instant;
  replays: number;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface MenuPushView<Instant = IsoInstant> {
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
  startedAt: Instant;
  finishedAt?: Instant;
  /** set when the push was cut off (function timeout) */
  abortReason?: string;
  eventId?: string;
}

// ---- input pieces --------------------------------------------------------------------------

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** IPv6 in any of its written forms (`::`, an embedded IPv4 tail, a `%zone`), like Node's `net.isIP`. */
export function isIpv6(text: string): boolean {
  const address = text.split('%');
  if (address.length > 2 || (address.length === 2 && !/^[\w.-]+$/.test(address[1]))) return false;
  const halves = address[0].split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const all = [...head, ...tail];
  let slots = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    slots += 1;
  }
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? slots <= 7 : slots === 8;
}

// The WHATWG URL parser (global in Node, where these schemas run): declared for the mini-program's
// type check, whose library (ES2020, no DOM) lacks it although the package only imports types from here.
declare const URL: new (text: string) => { protocol: string; username: string; password: string };

/**
 * Outbound targets: absolute https URLs without user info. Our calls carry the API key and a
 * signature, so they never travel in clear text (the adapters refuse http as well).
 */
export const outboundUrl = z
  .string()
  .trim()
  .max(500)
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, '必须是不含账号密码的 https 地址');

const optionalUrl = z.union([z.literal(''), outboundUrl]);

const ipWhitelistEntry = z
  .string()
  .trim()
  .refine((entry) => {
    const [base, bits] = entry.split('/');
    if (bits === undefined) return isIpv4(base) || isIpv6(base);
    return isIpv4(base) && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
  }, '必须是 IP 地址或 IPv4 CIDR（如 10.0.0.0/24）');

// Ids carry the id character set (common.ts): no spaces, newlines or line separators reach a query or a log.
const integrationId = idSchema;
const storeId = idSchema;
const recordId = idSchema;
const vendor = z.enum(POS_VENDORS);
const pushIdSchema = z.string().regex(/^push_[A-Za-z0-9_-]{8,48}$/, 'pushId 格式为 push_ 加 8–48 位字母数字');
/** ISO 8601 instants at the boundary; stored and compared as Date. */
const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const paging = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
};

const settings = {
  name: z.string().trim().min(1).max(50),
  endpoint: optionalUrl,
  webhookUrl: optionalUrl,
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)]),
  ipWhitelist: z.array(ipWhitelistEntry).max(50),
  rateLimitPerMinute: z.number().int().min(1).max(10_000),
  /** write-only: sealed at rest, never returned (fingerprint only) */
  vendorSecret: z.string().min(8).max(256),
  vendorConfig: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}$/, '参数名只能包含字母、数字、下划线'), z.string().max(500))
    .refine((r) => Object.keys(r).length <= 20, '最多 20 个参数'),
};

const byIntegration = z.object({ integrationId }).strict();
const outboxList = { integrationId: integrationId.optional(), event: z.enum(WEBHOOK_EVENTS).optional(), ...paging };

// ---- the contract --------------------------------------------------------------------------

export const posInterfaceContract = defineContract({
  name: 'pos-interface',
  errors: { from: 10, to: 39 },
  actions: {
    ping: pingSpec,
    createIntegration: action({
      summary: '创建收银接入；回复里有唯一一次明文密钥',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId,
          vendor,
          restaurantId: idSchema.optional(),
          name: settings.name,
          endpoint: settings.endpoint.default(''),
          webhookUrl: settings.webhookUrl.default(''),
          events: settings.events.default([...WEBHOOK_EVENTS]),
          ipWhitelist: settings.ipWhitelist.default([]),
          rateLimitPerMinute: settings.rateLimitPerMinute.default(100),
          vendorConfig: settings.vendorConfig.default({}),
          vendorSecret: settings.vendorSecret.optional(),
        })
        .strict(),
      reply: returns<CreateIntegrationResult<Stored>>(),
    }),
    listIntegrations: action({
      summary: '员工可见门店的收银接入',
      roles: MANAGER_ROLES,
      input: z
        .object({
          storeId: storeId.optional(),
          vendor: vendor.optional(),
          status: z.enum(['active', 'disabled']).optional(),
          keyword: z.string().trim().max(50).optional(),
          ...paging,
        })
        .strict(),
      reply: returns<Page<PosIntegrationView<Stored>>>(),
    }),
    getIntegration: action({ summary: '一个收银接入', roles: MANAGER_ROLES, input: byIntegration, reply: returns<PosIntegrationView<Stored>>() }),
    updateIntegration: action({
      summary: '修改收银接入（至少一个字段）',
      roles: MANAGER_ROLES,
      input: z
        .object({
          integrationId,
          name: settings.name.optional(),
          endpoint: settings.endpoint.optional(),
          webhookUrl: settings.webhookUrl.optional(),
          events: settings.events.optional(),
          ipWhitelist: settings.ipWhitelist.optional(),
          rateLimitPerMinute: settings.rateLimitPerMinute.optional(),
          vendorConfig: settings.vendorConfig.optional(),
          vendorSecret: settings.vendorSecret.optional(),
        })
        .strict(),
      reply: returns<PosIntegrationView<Stored>>(),
    }),
    enableIntegration: action({ summary: '启用收银接入', roles: MANAGER_ROLES, input: byIntegration, reply: returns<PosIntegrationView<Stored>>() }),
    disableIntegration: action({ summary: '停用收银接入', roles: MANAGER_ROLES, input: byIntegration, reply: returns<PosIntegrationView<Stored>>() }),
    rotateIntegrationSecret: action({
      summary: '轮换接入密钥；旧密钥在宽限期内仍可用（0 = 紧急吊销）',
      roles: MANAGER_ROLES,
      input: z
        .object({
          integrationId,
          /** how long the replaced secret keeps working, so the POS can switch without downtime */
          graceHours: z.number().min(0).max(MAX_ROTATION_GRACE_HOURS).default(DEFAULT_ROTATION_GRACE_HOURS),
        })
        .strict(),
      reply: returns<RotateSecretResult<Stored>>(),
    }),
    testIntegrationConnection: action({
      summary: '签名的 GET {endpoint}/ping：地址可达且收银系统接受签名',
      roles: MANAGER_ROLES,
      input: byIntegration,
      reply: returns<TestConnectionResult>(),
    }),
    deleteIntegration: action({
      summary: '删除收银接入（需输入接入名称确认）；仅管理员',
      roles: ['admin'],
      input: z.object({ integrationId, confirmName: z.string().trim().min(1) }).strict(),
      reply: returns<DeleteIntegrationResult>(),
    }),
    listSyncLogs: action({
      summary: '同步日志，最新在前',
      roles: MANAGER_ROLES,
      input: z
        .object({
          integrationId: integrationId.optional(),
          direction: z.enum(SYNC_DIRECTIONS).optional(),
          kind: z.enum(SYNC_KINDS).optional(),
          status: z.enum(SYNC_STATUSES).optional(),
          from: instant.optional(),
          to: instant.optional(),
          ...paging,
        })
        .strict()
        .refine((i) => !i.from || !i.to || i.from < i.to, { message: 'from 必须早于 to', path: ['from'] }),
      reply: returns<Page<SyncLogView<Stored>>>(),
    }),
    getSyncLog: action({ summary: '一条同步日志', roles: MANAGER_ROLES, input: z.object({ id: recordId }).strict(), reply: returns<SyncLogView<Stored>>() }),
    integrationHealth: action({
      summary: '各接入近 24 小时与 7 天的成功率和健康分',
      roles: MANAGER_ROLES,
      input: z.object({ integrationId: integrationId.optional(), storeId: storeId.optional() }).strict(),
      reply: returns<IntegrationHealthResult>(),
    }),
    listWebhookEvents: action({
      summary: '回调事件（出站队列），任意状态',
      roles: MANAGER_ROLES,
      input: z.object({ ...outboxList, status: z.enum(OUTBOX_STATUSES).optional() }).strict(),
      reply: returns<Page<WebhookEventView<Stored>>>(),
    }),
    listDeadLetters: action({
      summary: '死信：重试用尽的回调事件',
      roles: MANAGER_ROLES,
      input: z.object(outboxList).strict(),
      reply: returns<Page<WebhookEventView<Stored>>>(),
    }),
    replayDeadLetter: action({
      summary: '立即重发一条死信，重新开始重试计划',
      roles: MANAGER_ROLES,
      input: z.object({ id: recordId }).strict(),
      reply: returns<WebhookEventView<Stored>>(),
    }),
    pushMenu: action({
      summary: '把门店菜单推送到收银系统（每 200 道菜一个请求）；同一 pushId 不重复推送',
      roles: MANAGER_ROLES,
      input: z.object({ integrationId, syncType: z.enum(['full', 'incremental']).default('full'), pushId: pushIdSchema.optional() }).strict(),
      reply: returns<MenuPushView<Stored>>(),
    }),
    getMenuPush: action({
      summary: '一次菜单推送的进度与结果',
      roles: MANAGER_ROLES,
      input: z.object({ pushId: pushIdSchema }).strict(),
      reply: returns<MenuPushView<Stored>>(),
    }),
  },
});
export type PosInterfaceContract = typeof posInterfaceContract;

type InputOfAction<K extends keyof PosInterfaceContract['actions']> = z.input<PosInterfaceContract['actions'][K]['input']>;
export type CreateIntegrationInput = InputOfAction<'createIntegration'>;
export type UpdateIntegrationInput = InputOfAction<'updateIntegration'>;
export type ListIntegrationsInput = InputOfAction<'listIntegrations'>;
export type ListSyncLogsInput = InputOfAction<'listSyncLogs'>;
/** The sync-log page's filter: `kind` as the page holds it (the function validates it). */
export type SyncLogFilter = Omit<ListSyncLogsInput, 'kind'> & { kind?: string };
export type ListDeadLettersInput = InputOfAction<'listDeadLetters'>;
