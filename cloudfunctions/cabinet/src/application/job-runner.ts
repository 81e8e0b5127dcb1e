import type { z } from 'zod';
import { CabinetIntegrationCollections } from '../../../shared/collections';
import { exchangeLogStore } from '../../../shared/integration/exchange-log-store';
import { digestPayload, type SyncLog } from '../../../shared/integration/exchange-log';
import { DELIVERY_LEASE_MS, type AttemptOutcome } from '../../../shared/integration/outbox/attempt';
import { deliverDue } from '../../../shared/integration/outbox/deliver-due';
import { cancelSmartRetailOrder } from '../../../shared/payscore';
import { getVendorAdapter } from '../adapters/registry';
import { AbnormalOrderPushSchema, DoorEventSchema, OrderPushSchema } from '../adapters/xiaomai/protocol';
import { taskIdFor } from '../domain/ids';
import type { JobKind, JobRecord, ManualTaskRecord } from '../domain/records';
import { nextRetryDelayMs } from '../domain/retry-schedule';
import { markBound } from '../repositories/devices';
import { cabinetJobs } from '../repositories/plumbing';
import { findSession } from '../repositories/sessions';
import { openTask } from '../repositories/tasks';
import { processDoorEvent } from './door-events';
import { commandDoor } from './open-door';
import { processOrderPush, resumeSession } from './settle-order';
import { vendorEndpoint, VENDOR_TIMEOUT_MS } from './vendor-calls';

/**
 * Runs the jobs of `cabinet_jobs`: one attempt of one job, its outcome stored with the shared
 * outbox machinery (compare-and-set claims, leases). A failed attempt is retried 15 s, 30 s and
 * 60 s later (seed 五.5.1); after the last one the job is dead and a manual-handling task says why.
 */
const exchangeLog = exchangeLogStore<JobKind>(CabinetIntegrationCollections.exchangeLog);

const parse = <S extends z.ZodType>(schema: S, data: unknown): z.output<S> => schema.parse(data);

/** A vendor call that did not go through: retryable (throws) or refused (a task, no retry). */
class Refused extends Error {}

const HANDLERS: Record<JobKind, (data: Record<string, unknown>) => Promise<void>> = {
  'door.opened': (data) => processDoorEvent(parse(DoorEventSchema, data)),
  'door.closed': (data) => processDoorEvent(parse(DoorEventSchema, data)),
  'door.open_failed': (data) => processDoorEvent(parse(DoorEventSchema, data)),
  'order.push': (data) => processOrderPush(parse(OrderPushSchema, data), false),
  'order.abnormal': (data) => processOrderPush(parse(AbnormalOrderPushSchema, data), true),
  'vendor.openDoor': async (data) => {
    const session = await findSession(String(data.sessionId));
    if (!session || (session.state !== 'opening' && session.state !== 'confirming')) return;
    const after = await commandDoor(session);
    if (after.command.status === 'retrying') throw new Error(after.command.lastError ?? '开门指令未送达');
  },
  'vendor.bindDevice': async (data) => {
    const endpoint = await vendorEndpoint('xiaomai');
    const result = await getVendorAdapter('xiaomai').bindDevice(
      endpoint,
      {
        requestId: String(data.requestId),
        deviceCode: String(data.deviceCode),
        action: 'bind',
        storeCode: String(data.storeCode),
        storeName: String(data.storeName),
      },
      VENDOR_TIMEOUT_MS,
    );
    if (!result.ok && result.retryable) throw new Error(result.message);
    if (!result.ok) throw new Refused(`厂商拒绝绑定：${result.message}`);
    await markBound(String(data.deviceCode), String(data.storeId), result.data.bound);
  },
  'payscore.complete': async (data) => {
    await resumeSession(String(data.sessionId));
  },
  'payscore.cancel': async (data) => {
    await cancelSmartRetailOrder({ paymentId: String(data.paymentId), reason: String(data.reason ?? '开门结束').slice(0, 50) });
  },
};

const TASK_KIND: Record<JobKind, ManualTaskRecord['kind']> = {
  'door.opened': 'order_processing',
  'door.closed': 'order_processing',
  'door.open_failed': 'order_processing',
  'order.push': 'order_processing',
  'order.abnormal': 'order_processing',
  'vendor.openDoor': 'vendor_call',
  'vendor.bindDevice': 'vendor_call',
  'payscore.complete': 'payscore_call',
  'payscore.cancel': 'payscore_call',
};

function logOf(record: JobRecord, ok: boolean, startedAt: number, error?: string): SyncLog<JobKind> {
  return {
    integrationId: record.integrationId,
    storeId: record.storeId,
    direction: record.event.startsWith('vendor.') || record.event.startsWith('payscore.') ? 'outbound' : 'inbound',
    kind: record.event,
    requestId: record._id,
    status: ok ? 'success' : 'failed',
    counts: { total: 1, success: ok ? 1 : 0, failed: ok ? 0 : 1 },
    durationMs: Date.now() - startedAt,
    ...(error ? { error: { code: 'JOB_FAILED', message: error.slice(0, 300) } } : {}),
    payloadDigest: digestPayload(JSON.stringify(record.data)),
    meta: { attempt: record.attempts },
    createdAt: new Date(),
  };
}

async function deadLetter(record: JobRecord, reason: string): Promise<void> {
  const now = new Date();
  const data = record.data as { deviceCode?: string; requestId?: string; sessionId?: string; orderCode?: string };
  await openTask({
    _id: taskIdFor('job', record._id),
    kind: TASK_KIND[record.event],
    status: 'open',
    storeId: record.storeId || null,
    deviceCode: data.deviceCode ?? null,
    sessionId: data.sessionId ?? data.requestId ?? null,
    orderId: null,
    vendorOrderNo: data.orderCode ?? null,
    jobId: record._id,
    reason: `重试 ${record.attempts} 次仍失败：${reason}`.slice(0, 200),
    attempts: record.attempts,
    createdAt: now,
    updatedAt: now,
    closedReason: null,
    closedBy: null,
  });
}

/** One attempt of a claimed job (its `attempts` counts this one). Never throws. */
export async function attemptJob(record: JobRecord): Promise<AttemptOutcome<JobRecord, JobKind>> {
  const startedAt = Date.now();
  const now = new Date();
  try {
    await HANDLERS[record.event](record.data);
    return { delivered: true, patch: { status: 'delivered', deliveredAt: now, updatedAt: now, lastError: '' }, log: logOf(record, true, startedAt) };
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    const delay = error instanceof Refused ? null : nextRetryDelayMs(Math.max(1, record.attempts - record.scheduleStart));
    if (delay === null) {
      await deadLetter(record, message).catch(() => undefined);
      return {
        delivered: false,
        patch: { status: 'dead', deadAt: now, lastError: message.slice(0, 300), updatedAt: now },
        log: logOf(record, false, startedAt, message),
      };
    }
    return {
      delivered: false,
      patch: { status: 'pending', nextAttemptAt: new Date(now.getTime() + delay), lastError: message.slice(0, 300), updatedAt: now },
      log: logOf(record, false, startedAt, message),
    };
  }
}

/** The first attempt of a job written already claimed; returns whether it is done. */
export async function runClaimed(record: JobRecord): Promise<boolean> {
  const outcome = await attemptJob(record);
  await cabinetJobs.finishAttempt(record._id, record.attempts, outcome.patch);
  return outcome.delivered;
}

/** The timer's share: every job due (retries, and jobs whose inline attempt was cut off by a crash or the reply budget). */
export function runDueJobs(now = new Date()) {
  return deliverDue(
    { store: cabinetJobs, log: exchangeLog, loadParties: async () => new Map(), attempt: (record) => attemptJob(record) },
    { now, limit: 50, perIntegration: 50, concurrency: 5, budgetMs: 12_000 },
  );
}

/** 立即重试 of a dead job (manual queue): put back in flight and attempted now. */
export async function replayJob(jobId: string): Promise<{ delivered: boolean; found: boolean }> {
  const record = await cabinetJobs.find(jobId);
  if (!record) return { delivered: false, found: false };
  const now = new Date();
  if (record.status === 'delivered') return { delivered: true, found: true };
  if (record.status !== 'dead' || !(await cabinetJobs.claimDeadForReplay(record, new Date(now.getTime() + DELIVERY_LEASE_MS), now)))
    return { delivered: false, found: true };
  const claimed: JobRecord = { ...record, status: 'delivering', attempts: record.attempts + 1, scheduleStart: record.attempts };
  // A manual retry that fails goes back to the dead letters (its task stays open), not to a new schedule.
  const outcome = await attemptJob({ ...claimed, scheduleStart: claimed.attempts - 4 });
  await cabinetJobs.finishAttempt(record._id, claimed.attempts, outcome.patch);
  return { delivered: outcome.delivered, found: true };
}
