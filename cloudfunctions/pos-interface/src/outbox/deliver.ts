import { digestPayload, outboundRequestLog } from '../../../shared/integration/exchange-log';
import { sendHttp } from '../../../shared/integration/http-sender';
import type { AttemptOutcome } from '../../../shared/integration/outbox/attempt';
import { nextRetryDelayMs } from '../../../shared/integration/outbox/retry-schedule';
import { signedHeaders } from '../../../shared/integration/sign-outbound';
import type { PosIntegration, PosOutboxRecord, SyncKind } from '../domain/integration';
import { currentSecret, SecretUnavailableError } from '../repositories/integration-repository';
import { buildWebhookBody } from './webhook-body';

const MAX_ERROR_CHARS = 300;

/**
 * The secret to sign with, or why there is none. A secret that does not open never will (the
 * master key changed, or the record is damaged): retrying would only keep the record cycling,
 * so it is a permanent failure and the event goes to the dead letters, from where staff replay
 * it after rotating the secret. The message says what to do and nothing about the key.
 */
function signingSecret(integration: PosIntegration): { secret?: string; error?: string; permanent?: boolean } {
  try {
    return { secret: currentSecret(integration) };
  } catch (error) {
    if (error instanceof SecretUnavailableError) return { error: '接入密钥无法解密（主密钥已更换或密钥记录损坏），请轮换密钥后重放', permanent: true };
    // No master key configured: a deployment problem that will be fixed, so retry on schedule.
    return { error: '平台密钥配置错误，无法签名', permanent: false };
  }
}

/**
 * One delivery attempt of a record already claimed (its `attempts` counts this attempt).
 * Returns what to store; never throws, so one bad record cannot stop a timer run.
 */
export async function attemptDelivery(
  record: PosOutboxRecord,
  integration: PosIntegration | null,
  timeoutMs: number,
  random: () => number = Math.random,
): Promise<AttemptOutcome<PosOutboxRecord, SyncKind>> {
  const started = new Date();
  let result: { ok: boolean; status: number; error?: string; durationMs: number; digest: string; permanent?: boolean };
  if (!integration) {
    result = { ok: false, status: 0, error: '接入配置已删除', durationMs: 0, digest: '', permanent: true };
  } else if (!integration.webhookUrl) {
    result = { ok: false, status: 0, error: '接入配置未设置回调地址', durationMs: 0, digest: '' };
  } else if (integration.status !== 'active') {
    result = { ok: false, status: 0, error: '接入已停用', durationMs: 0, digest: '' };
  } else {
    const signing = signingSecret(integration);
    if (signing.secret === undefined) {
      result = { ok: false, status: 0, error: signing.error, durationMs: 0, digest: '', permanent: signing.permanent };
    } else {
      const body = buildWebhookBody(record, signing.secret);
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        ...signedHeaders({ method: 'POST', url: integration.webhookUrl, body, apiKey: integration.apiKey, secret: signing.secret }),
        'X-Event-Id': record._id,
      };
      const sent = await sendHttp({ method: 'POST', url: integration.webhookUrl, headers, body, timeoutMs });
      result = { ok: sent.ok, status: sent.status, error: sent.error, durationMs: sent.durationMs, digest: digestPayload(body) };
    }
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
