import { defineRoute } from '../../../../shared/kit';
import { signedGuard } from './signed-guard';
import { runExchange } from './exchange';

/** GET /v1/pos/ping: proves key, secret, clock and signing code agree; serverTime helps fix clocks. */
export const pingRoute = defineRoute({
  method: 'GET',
  path: '/v1/pos/ping',
  summary: '连通性自检',
  guard: signedGuard(),
  handler: async (req, ctx, caller) =>
    runExchange('ping', req, ctx, caller, async () => ({
      result: { data: { pong: true, integrationId: caller.integration._id, serverTime: new Date().toISOString() }, message: 'pong' },
      counts: { total: 1, success: 1, failed: 0 },
    })),
});
