import type { ActionContext } from '../../../shared/kit';
import { grantTableLive } from '../application/live-access';

/**
 * Seats the caller at the table for the live views: after `resolveTable` verified the table key
 * (a forged or rotated code never reaches this), the caller gets a table live grant, so the
 * security rules let them watch the table's cart lines and orders (docs/live-updates.md). A
 * failing grant write does not fail the scan: the live views then report -502003 and the page
 * keeps working by pulling. One extra round trip (two on the caller's first grant).
 */
export function withTableLiveGrant<I, R extends { tableId: string }, C extends ActionContext>(
  handler: (input: I, ctx: C) => Promise<R>,
): (input: I, ctx: C) => Promise<R> {
  return async (input, ctx) => {
    const reply = await handler(input, ctx);
    if (ctx.caller.openid) {
      try {
        await grantTableLive(ctx.caller.openid, reply.tableId);
      } catch (error) {
        ctx.log.warn('table live grant failed', { tableId: reply.tableId, error: (error as Error).message });
      }
    }
    return reply;
  };
}
