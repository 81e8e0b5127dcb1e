import { z } from 'zod';
import { defineAction } from './function';

/** Liveness action every function exposes: proves the bundle loads and the caller is seen. */
export function pingAction(functionName: string) {
  return defineAction({
    input: z.object({}).strict(),
    handler: async (_input, ctx) => ({ function: functionName, pong: true, openid: ctx.caller.openid ?? null, time: new Date().toISOString() }),
  });
}
