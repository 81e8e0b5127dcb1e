import { AppError, type ActionContext, type HttpRequest, type RouteResult } from '../../../../shared/kit';
import { digestPayload, type SyncKind, type SyncLog } from '../../domain/sync-log';
import { recordSyncLog } from '../../repositories/sync-log-repository';
import type { PosIntegration } from '../../domain/integration';

/** Who the exchange is with (the guard has authenticated it and claimed its nonce, if any). */
export interface ExchangeParty {
  integration: PosIntegration;
  startedAt: number;
}

export interface ExchangeOutcome {
  result: RouteResult;
  counts: SyncLog['counts'];
  status?: SyncLog['status'];
}

/**
 * Runs an authenticated exchange and writes its `pos_sync_logs` record (digest of the raw
 * body, counts, duration, error code; never the body, secrets or phone numbers).
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
