import type { PosIntegration } from '../domain/integration';
import { digestPayload, outboundRequestLog, type SyncLog } from '../domain/sync-log';
import { currentSecret } from '../repositories/integration-repository';
import { sendHttp } from './http-sender';
import type { OutboxRecord } from './outbox-record';
import { nextRetryDelayMs } from './retry-schedule';
import { signedHeaders } from './sign-outbound';
import { buildWebhookBody } from './webhook-body';

export interface AttemptOutcome {
  delivered: boolean;
  /** the record update that ends the attempt */
  patch: Partial<OutboxRecord>;
  log: SyncLog;
}

const MAX_ERROR_CHARS = 300;

/**
 * One delivery attempt of a record already claimed (its `attempts` counts this attempt).
 * Returns what to store; never throws, so one bad record cannot stop a timer run.
 */
export async function attemptDelivery(
  record: OutboxRecord,
  integration: PosIntegration | null,
  timeoutMs: number,
  random: () => number = Math.random,
): Promise<AttemptOutcome> {
  const started = new Date();
  let result: { ok: boolean; status: number; error?: string; durationMs: number; digest: string; permanent?: boolean };
  if (!integration) {
    result = { ok: false, status: 0, error: '接入配置已删除', durationMs: 0, digest: '', permanent: true };
  } else if (!integration.webhookUrl) {
    result = { ok: false, status: 0, error: '接入配置未设置回调地址', durationMs: 0, digest: '' };
  } else if (integration.status !== 'active') {
    result = { ok: false, status: 0, error: '接入已停用', durationMs: 0, digest: '' };
  } else {
    const secret = currentSecret(integration);
    const body = buildWebhookBody(record, secret);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      ...signedHeaders({ method: 'POST', url: integration.webhookUrl, body, apiKey: integration.apiKey, secret }),
      'X-Event-Id': record._id,
    };
    const sent = await sendHttp({ method: 'POST', url: integration.webhookUrl, headers, body, timeoutMs });
    result = { ok: sent.ok, status: sent.status, error: sent.error, durationMs: sent.durationMs, digest: digestPayload(body) };
  }

  const finished = new Date();
  const attemptInSchedule = record.attempts - (record.scheduleStart ?? 0);
  const log = outboundRequestLog({
    integrationId: record.integrationId,
    storeId: record.storeId,
    kind: 'webhook.delivery',
    requestId: record._id,
    ok: result.ok,
    httpStatus: result.status,
    ...(result.error ? { error: result.error } : {}),
    durationMs: result.durationMs,
    payloadDigest: result.digest,
    meta: { event: record.event, eventId: record._id, attempt: record.attempts, httpStatus: result.status },
    createdAt: finished,
  });
  const common = { lastAttemptAt: started, lastStatus: result.status, leaseUntil: finished, updatedAt: finished };
  if (result.ok) {
    return { delivered: true, log, patch: { ...common, status: 'delivered', deliveredAt: finished, lastError: '' } };
  }
  const lastError = (result.error ?? 'failed').slice(0, MAX_ERROR_CHARS);
  const delay = result.permanent ? null : nextRetryDelayMs(attemptInSchedule, random);
  if (delay === null) {
    return { delivered: false, log, patch: { ...common, status: 'dead', deadAt: finished, lastError } };
  }
  return { delivered: false, log, patch: { ...common, status: 'pending', nextAttemptAt: new Date(finished.getTime() + delay), lastError } };
}
