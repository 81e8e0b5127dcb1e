import { randomBytes } from 'node:crypto';
import { boundBatchResults } from '../../domain/batch-reply';
import { AppError, defineRoute, parseInput, parseJsonBody } from '../../../../shared/kit';
import { Errors } from '../../errors';
import { signedGuard } from './signed-guard';
import { BatchSyncSchema } from './contract';
import { runExchange } from './exchange';
import { MAX_ORDERS_PER_BATCH, syncOrderBatch } from '../../application/order-sync';

/**
 * POST /v1/pos/orders/batch-sync: per-order results, partial success is still HTTP 200. The
 * reply is kept under the response cap by leaving out per-dish detail past a budget (batch-reply.ts).
 */
export const batchSyncRoute = defineRoute({
  method: 'POST',
  path: '/v1/pos/orders/batch-sync',
  summary: '批量订单同步',
  guard: signedGuard(),
  handler: async (req, ctx, caller) =>
    runExchange('orders.batch-sync', req, ctx, caller, async () => {
      const { orders } = parseInput(BatchSyncSchema, parseJsonBody(req.rawBody));
      if (orders.length > MAX_ORDERS_PER_BATCH) {
        throw new AppError(Errors.BATCH_TOO_LARGE, { details: { field: 'orders', max: MAX_ORDERS_PER_BATCH, received: orders.length } });
      }
      const all = await syncOrderBatch(caller.integration, orders, { log: ctx.log });
      const successCount = all.filter((r) => r.code === 0).length;
      const { results, itemsOmittedCount } = boundBatchResults(all);
      const data = {
        batchId: `batch_${Date.now()}_${randomBytes(4).toString('hex')}`,
        totalCount: all.length,
        successCount,
        failedCount: all.length - successCount,
        itemsOmittedCount,
        results,
      };
      return {
        result: { data, message: data.failedCount === 0 ? '批量同步成功' : '批量同步部分成功' },
        counts: { total: all.length, success: successCount, failed: all.length - successCount },
      };
    }),
});
