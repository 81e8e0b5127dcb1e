import { AppError, type ActionContext, type HttpRequest, type RouteResult } from '../../../../shared/kit';
import { digestPayload, type SyncKind, type SyncLog } from '../../domain/sync-log';
import { Errors } from '../../errors';
import { isDuplicateKeyError } from '../../repositories/duplicate-key';
import { recordSyncLog } from '../../repositories/sync-log-repository';
import type { PosIntegration } from '../../domain/integration';

/** Who the exchange is with; `deferredNonce` is set when the guard left the nonce to the log write. */
export interface ExchangeParty {
  integration: PosIntegration;
  startedAt: number;
  nonceClaimed: boolean;
  headers?: { nonce: string };
}

export interface ExchangeOutcome {
  result: RouteResult;
  counts: SyncLog['counts'];
  status?: SyncLog['status'];
}

/**
 * Runs an authenticated exchange and writes its `pos_sync_logs` record (digest of the raw
 * body, counts, duration, error code; never the body, secrets or phone numbers). When the
 * guard deferred the nonce, the log's `_id` is the nonce, so writing the log is the replay
 * check: a collision turns the reply into 401 NONCE_REPLAYED.
 */
export async function runExchange(
  kind: SyncKind,
  req: HttpRequest,
  ctx: ActionContext,
  caller: ExchangeParty,
  work: () => Promise<ExchangeOutcome>,
): Promise<RouteResult> {
  let outcome: ExchangeOutcome | undefined;
  let failure: unknown;
  try {
    outcome = await work();
  } catch (error) {
    failure = error;
  }
  const entry: SyncLog = {
    ...(caller.nonceClaimed || !caller.headers ? {} : { _id: `${caller.integration._id}:${caller.headers.nonce}` }),
    integrationId: caller.integration._id,
    storeId: caller.integration.storeId,
    direction: 'inbound',
    kind,
    requestId: ctx.requestId,
    status: outcome ? (outcome.status ?? statusOf(outcome.counts)) : 'failed',
    counts: outcome?.counts ?? { total: 1, success: 0, failed: 1 },
    durationMs: Date.now() - caller.startedAt,
    ...(failure ? { error: errorOf(failure) } : {}),
    payloadDigest: digestPayload(req.rawBody),
    createdAt: new Date(),
  };
  try {
    await recordSyncLog(entry);
  } catch (error) {
    if (!caller.nonceClaimed && caller.headers && isDuplicateKeyError(error)) throw new AppError(Errors.NONCE_REPLAYED);
    // Losing a log line must not fail an exchange whose data is already written.
    ctx.log.error('sync log write failed', { kind, error: (error as Error).message });
  }
  if (failure) throw failure;
  return outcome!.result;
}

function statusOf(counts: SyncLog['counts']): SyncLog['status'] {
  if (counts.failed === 0) return 'success';
  return counts.success === 0 ? 'failed' : 'partial';
}

function errorOf(error: unknown): { code: number | string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 50001, message: '服务内部错误' };
}
