import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndpointContext } from '../types';
import { header, readBody, sendJson } from './body';
import { MAX_JSON_DEPTH, tooDeep } from './json-depth';

/** `POST /functions/<name>`: the mini-program's local mode; what wx.cloud.callFunction does, over plain HTTP. */
export async function handleBridge(req: IncomingMessage, res: ServerResponse, { emulator }: EndpointContext, name: string): Promise<void> {
  const { runtime, appId } = emulator;
  if (!runtime.has(name)) return sendJson(res, 404, { errCode: -501000, errMsg: `cloud.callFunction:fail FunctionName parameter could not be found: ${name}` });
  const raw = (await readBody(req)).toString('utf8');
  if (tooDeep(raw)) return sendJson(res, 400, { errCode: -1, errMsg: `cloud.callFunction:fail request body nests deeper than ${MAX_JSON_DEPTH} levels` });
  let event: unknown;
  try {
    event = raw ? JSON.parse(raw) : {};
  } catch {
    return sendJson(res, 400, { errCode: -1, errMsg: 'cloud.callFunction:fail request body is not JSON' });
  }
  const openid = header(req, 'x-wx-openid');
  // wx.cloud.callFunction events carry the caller as `userInfo` (CloudBase adds it).
  const withUserInfo =
    event && typeof event === 'object' && !Array.isArray(event) ? { ...event, userInfo: { appId: openid ? appId : undefined, openId: openid } } : event;
  const outcome = await runtime.invoke(name, withUserInfo, {
    openid,
    unionid: header(req, 'x-wx-unionid'),
    appid: openid ? appId : undefined,
    clientIp: req.socket.remoteAddress,
    source: 'wx_client',
  });
  if (!outcome.ok) return sendJson(res, 502, { errCode: -504002, errMsg: `cloud.callFunction:fail ${outcome.errorMessage}`, requestId: outcome.requestId });
  return sendJson(res, 200, { errMsg: 'cloud.callFunction:ok', result: outcome.result, requestId: outcome.requestId });
}
