import { posInterfaceContract } from '../../../../../typings/api/pos-interface';
import { implement } from '../../../../shared/kit';
import { digestPayload, outboundRequestLog, replyExcerpt } from '../../../../shared/integration/exchange-log';
import { sendHttp } from '../../../../shared/integration/http-sender';
import { signedHeaders } from '../../../../shared/integration/sign-outbound';
import type { PosIntegration } from '../../domain/integration';
import { currentSecret, SecretUnavailableError, updateIntegration } from '../../repositories/integration-repository';
import { recordSyncLog } from '../../repositories/integration-plumbing';
import { loadIntegrationFor } from './access';
import { audit } from './audit';

export const TEST_CONNECTION_TIMEOUT_MS = 5000;

/**
 * `{endpoint}/ping`: the same base as the standard adapter's `{endpoint}/menu/sync`, so an
 * endpoint of `https://pos.example.com/pos` gives the seed's `/pos/ping` and `/pos/menu/sync`.
 */
export function pingUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/ping`;
}

/** The current secret, or null when it does not open: then the test fails with a reason staff can act on. */
function openSecret(integration: PosIntegration): string | null {
  try {
    return currentSecret(integration);
  } catch (error) {
    if (error instanceof SecretUnavailableError) return null;
    throw error;
  }
}

/**
 * A signed GET {endpoint}/ping: proves the endpoint is reachable and that the POS accepts
 * our signature (it must answer 2xx only after verifying it). The result is kept on the
 * integration and in the sync logs.
 */
export const testIntegrationConnection = implement(posInterfaceContract.actions.testIntegrationConnection, async (input, ctx) => {
  const integration = await loadIntegrationFor(ctx, input.integrationId);
  const testedAt = new Date();
  let result: { ok: boolean; httpStatus: number; latencyMs: number; error?: string; reply?: string };
  const secret = integration.endpoint ? openSecret(integration) : null;
  if (!integration.endpoint) {
    result = { ok: false, httpStatus: 0, latencyMs: 0, error: '未配置收银系统地址（endpoint）' };
  } else if (secret === null) {
    result = { ok: false, httpStatus: 0, latencyMs: 0, error: '接入密钥无法解密（主密钥已更换或记录损坏），请先轮换密钥' };
  } else {
    const url = pingUrl(integration.endpoint);
    const headers = signedHeaders({ method: 'GET', url, body: '', apiKey: integration.apiKey, secret }, testedAt);
    const sent = await sendHttp({ method: 'GET', url, headers, timeoutMs: TEST_CONNECTION_TIMEOUT_MS });
    // A refused or unreachable target answers with the sender's one message and latency 0, so
    // this action cannot tell a closed port from a filtered or refused one (no port scanning).
    result = { ok: sent.ok, httpStatus: sent.status, latencyMs: sent.durationMs, ...(sent.ok ? {} : { error: sent.error }), reply: replyExcerpt(sent.text) };
  }
  await Promise.all([
    updateIntegration(integration._id, {
      lastTestAt: testedAt,
      lastTestLatencyMs: result.latencyMs,
      lastTestOk: result.ok,
      lastTestError: result.error ?? '',
    }),
    recordSyncLog(
      outboundRequestLog({
        integrationId: integration._id,
        storeId: integration.storeId,
        kind: 'test-connection',
        requestId: ctx.requestId,
        ok: result.ok,
        httpStatus: result.httpStatus,
        ...(result.error ? { error: result.error } : {}),
        durationMs: result.latencyMs,
        payloadDigest: digestPayload(''),
        meta: { httpStatus: result.httpStatus },
        createdAt: new Date(),
      }),
    ),
    audit(
      ctx,
      'pos.integration.test-connection',
      { type: 'pos_integration', id: integration._id, storeId: integration.storeId },
      `测试连接「${integration.name}」：${result.ok ? '成功' : `失败（${result.error}）`}，耗时 ${result.latencyMs} ms`,
    ),
  ]);
  return { ...result, testedAt: testedAt.toISOString() };
});
