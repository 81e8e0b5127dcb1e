import { AppError, type ActionContext, type HttpRequest, type RouteResult } from '../kit';
import { digestPayload, type SyncLog } from './exchange-log';
import type { ExchangeLogStore } from './exchange-log-store';

/** Who the exchange is with (the guard has authenticated it and claimed its nonce, if any). */
export interface ExchangeParty<P extends { _id: string; storeId: string } = { _id: string; storeId: string }> {
  /** the party's record: its `_id` and store name the log entry */
  integration: P;
  startedAt: number;
}

export interface ExchangeOutcome {
  result: RouteResult;
  counts: SyncLog['counts'];
  status?: SyncLog['status'];
}

export type RunExchange<K extends string> = (
  kind: K,
  req: HttpRequest,
  ctx: ActionContext,
  caller: ExchangeParty,
  work: () => Promise<ExchangeOutcome>,
) => Promise<RouteResult>;

/**
 * Binds a context's exchange log: the returned function runs an authenticated exchange and
 * writes its log record (digest of the raw body, counts, duration, error code; never the body,
 * secrets or phone numbers).
 */
export function exchangeRunner<K extends string>(log: Pick<ExchangeLogStore<K>, 'record'>): RunExchange<K> {
  return async (kind, req, ctx, caller, work) => {
    let outcome: ExchangeOutcome | undefined;
    let failure: unknown;
    try {
      outcome = await work();
    } catch (error) {
      failure = error;
    }
    const entry: SyncLog<K> = {
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
      await log.record(entry);
    } catch (error) {
      // Losing a log line must not fail an exchange whose data is already written.
      ctx.log.error('sync log write failed', { kind, error: (error as Error).message });
    }
    if (failure) throw failure;
    return outcome!.result;
  };
}

export function statusOf(counts: SyncLog['counts']): SyncLog['status'] {
  if (counts.failed === 0) return 'success';
  return counts.success === 0 ? 'failed' : 'partial';
}

function errorOf(error: unknown): { code: number | string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 50001, message: '服务内部错误' };
}
