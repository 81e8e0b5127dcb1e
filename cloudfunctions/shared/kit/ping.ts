import type { PingReply } from '../../../typings/api/contract';
import type { ActionContext } from './function-types';

/** The `ping` every contract declares (`pingSpec`): proves the bundle loads and the caller is seen. */
export function pingHandler(functionName: string) {
  return async (_input: Record<string, never>, ctx: ActionContext): Promise<PingReply> => ({
    function: functionName,
    pong: true,
    openid: ctx.caller.openid ?? null,
    time: new Date().toISOString(),
  });
}
