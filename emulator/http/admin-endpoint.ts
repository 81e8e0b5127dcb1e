import { randomUUID } from 'node:crypto';
import type { EndpointHandler, WxServiceHandler } from '../types';
import { requireContentType } from './access';
import { verifyAdminSignature } from './admin-auth';
import { decodeAdminBody, sendWxServiceReply } from './admin-wire';
import { HttpError, readBody, sendJson } from './body';
import { tooDeep } from './json-depth';

/**
 * `POST /admin`: what wx-server-sdk sends to Tencent. `database.*` goes to the database,
 * `functions.invokeFunction` to the runtime, and `wx.*` to the simulator that registered the
 * action (simulators/registry.ts); anything else gets a clear "unsupported" reply.
 * Like CloudBase, it only takes requests the SDK signed with the credentials the emulator gave
 * its functions (admin-auth.ts): the database needs no other key.
 */
export const handleAdmin: EndpointHandler = async (req, res, { emulator, countAdminAction }) => {
  requireContentType(req, ['application/json', 'multipart/form-data']);
  const raw = await readBody(req);
  let body: Record<string, unknown>;
  try {
    body = decodeAdminBody(raw, req.headers['content-type']);
  } catch {
    throw new HttpError(400, 'request body is not JSON', false, 'INVALID_PARAM');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'request body is not a JSON object', false, 'INVALID_PARAM');
  verifyAdminSignature(req, body, emulator.credentials);
  const action = String(body.action ?? '');
  countAdminAction(action);
  const requestId = randomUUID();
  const { runtime } = emulator;
  const identity = runtime.identityForToken(body.wxCloudApiToken as string | undefined);
  if (action.startsWith('database.')) {
    // The index check is about the product's queries: those a function invocation sends (its
    // API token is known), not a test or tool inspecting data with the SDK from outside.
    return sendJson(res, 200, { requestId, ...(await emulator.db.handle(body, { fromFunction: identity !== undefined })) });
  }
  if (action === 'functions.invokeFunction') {
    const name = String(body.function_name ?? '');
    if (!runtime.has(name)) return sendJson(res, 200, { requestId, code: 'FUNCTIONS_NOT_EXIST', message: `function ${name} not found` });
    const requestData = body.request_data ? String(body.request_data) : '';
    if (tooDeep(requestData)) return sendJson(res, 200, { requestId, code: 'INVALID_PARAM', message: 'request_data nests too deeply' });
    let event: unknown;
    try {
      event = requestData ? JSON.parse(requestData) : {};
    } catch {
      return sendJson(res, 200, { requestId, code: 'INVALID_PARAM', message: 'request_data is not JSON' });
    }
    // Like CloudBase, SOURCE carries the chain: a function called from a function called by
    // the mini-program sees `wx_client,scf`.
    const outcome = await runtime.invoke(name, event, { ...identity, source: identity?.source ? `${identity.source},scf` : 'scf' });
    if (!outcome.ok) return sendJson(res, 200, { requestId: outcome.requestId, code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.errorMessage });
    return sendJson(res, 200, { requestId: outcome.requestId, data: { response_data: JSON.stringify(outcome.result ?? null) } });
  }
  const service = adminActionHandler(emulator.simulators, action);
  if (service) return sendWxServiceReply(res, requestId, await service(body, identity, emulator));
  return sendJson(res, 200, { requestId, code: 'EMULATOR_UNSUPPORTED_ACTION', message: `the local emulator does not implement ${action}` });
};

function adminActionHandler(simulators: readonly { adminActions?: Record<string, WxServiceHandler> }[], action: string): WxServiceHandler | undefined {
  for (const simulator of simulators) {
    if (simulator.adminActions && Object.hasOwn(simulator.adminActions, action)) return simulator.adminActions[action];
  }
  return undefined;
}
