import type { ServerResponse } from 'node:http';
import { parseJsonObject, sendJson } from '../http/body';
import type { ControlHandler, Emulator } from '../types';

/** One control action: the parsed JSON body in, `[status, reply]` out. */
export type JsonControlAction = (body: Record<string, unknown>, emulator: Emulator) => Promise<[number, unknown]> | [number, unknown];

/**
 * A control route answering JSON actions keyed `'<METHOD> <path>'` (e.g. `'POST /_emulator/wxpay/pay'`):
 * 400 for a body that is not JSON, 405 for a non-POST that is not an action, 404 for an unknown
 * path, and a thrown error's `status` (else 500) with `errorCode`.
 */
export function jsonControl(errorCode: string, actions: Record<string, JsonControlAction>): ControlHandler {
  return async ({ method, path, body: raw }, res: ServerResponse, emulator) => {
    const body = parseJsonObject(raw);
    if (!body) return sendJson(res, 400, { code: 'BAD_JSON', message: 'request body is not JSON' });
    const action = actions[`${method} ${path}`];
    try {
      if (!action && method !== 'POST') return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'use POST' });
      if (!action) return sendJson(res, 404, { code: 'NOT_FOUND', message: `unknown endpoint ${path}` });
      const [status, reply] = await action(body, emulator);
      return sendJson(res, status, reply);
    } catch (error) {
      const e = error as Error & { status?: number };
      return sendJson(res, e.status ?? 500, { code: errorCode, message: e.message });
    }
  };
}
