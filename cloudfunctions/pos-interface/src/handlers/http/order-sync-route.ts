import { defineRoute, parseInput, parseJsonBody } from '../../../../shared/kit';
import { OrderSyncSchema } from '../../domain/order';
import { signedGuard } from './signed-guard';
import { runExchange } from './exchange';
import { syncOneOrder } from '../../application/order-sync';

/**
 * POST /v1/pos/order/sync. Warm instance: the nonce, the order `add`, the sync log: three
 * database requests. The budget is spent from a lease the instance holds; taking a new lease
 * (once per 5 % of the limit) adds one request after the nonce.
 */
export const orderSyncRoute = defineRoute({
  method: 'POST',
  path: '/v1/pos/order/sync',
  summary: '订单同步',
  guard: signedGuard(),
  handler: async (req, ctx, caller) =>
    runExchange('order.sync', req, ctx, caller, async () => {
      // Parsed here rather than by the kit so that a rejected order still gets its sync log.
      const input = parseInput(OrderSyncSchema, parseJsonBody(req.rawBody));
      const { reply, outcome } = await syncOneOrder(caller.integration, input, { log: ctx.log });
      ctx.log.info('pos order', { integrationId: caller.integration._id, orderId: reply.orderId, outcome, carbonStatus: reply.carbonStatus });
      return { result: { data: reply, message: '订单处理成功' }, counts: { total: 1, success: 1, failed: 0 } };
    }),
});
