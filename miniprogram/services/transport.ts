import { config } from '../config/index';
import { getDevIdentity } from '../utils/dev-identity';
import { ApiError, ClientErrorCodes, type ApiErrorDetails } from './errors';

/**
 * The ONE way the mini-program reaches the backend. Services call `callFunction` (and, in local
 * mode, `callEmulatorSimulator`); nothing else touches wx.cloud or wx.request. `config.mode` picks the wire:
 *   cloud: wx.cloud.callFunction({ name, data: event })
 *   local: POST `${localBaseUrl}/functions/<name>` with the event as JSON and
 *          `x-wx-openid` = the dev test user (the emulator's callFunction bridge)
 * Either way the function's reply is the envelope `{ code, message, data, details?, requestId? }`:
 * code 0 resolves to `data`, anything else rejects with ApiError.
 */
export interface Envelope<T> {
  code: number;
  message: string;
  data: T | null;
  details?: ApiErrorDetails;
  requestId?: string;
}

/** What the emulator bridge answers: 200 `{errMsg, result, requestId}` or non-2xx `{errCode, errMsg}`. */
interface BridgeReply {
  errMsg?: string;
  errCode?: number;
  result?: unknown;
  requestId?: string;
}

let cloudReady = false;

/** Called once on launch; only cloud mode needs initialising. */
export function initTransport(): void {
  if (config.mode === 'cloud' && !cloudReady) {
    wx.cloud.init({ env: config.envId, traceUser: true });
    cloudReady = true;
  }
}

export async function callFunction<T>(name: string, action: string, payload: Record<string, unknown> = {}): Promise<T> {
  const event = { ...payload, action };
  const reply = config.mode === 'local' ? await viaBridge(name, event) : await viaCloud(name, event);
  return unwrap<T>(reply);
}

/**
 * Local mode only: asks the emulator's WeChat Pay simulator to act as WeChat would (the diner
 * pays, confirms Pay Score). In cloud mode the real WeChat client does this; services decide.
 */
export function callEmulatorSimulator(path: string, data: Record<string, unknown>, failure: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.localBaseUrl.replace(/\/+$/, '')}${path}`,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json', 'x-wx-openid': getDevIdentity().openid },
      success: (res) =>
        res.statusCode >= 200 && res.statusCode < 300
          ? resolve()
          : reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, failure, { errMsg: `HTTP ${res.statusCode}` })),
      fail: (err) => reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, '无法连接本地模拟器，请确认已运行 npm start', { errMsg: err.errMsg })),
    });
  });
}

async function viaCloud(name: string, event: Record<string, unknown>): Promise<unknown> {
  initTransport();
  try {
    const res = await wx.cloud.callFunction({ name, data: event });
    return res.result;
  } catch (error) {
    const { errCode, errMsg } = (error ?? {}) as { errCode?: number; errMsg?: string };
    throw new ApiError(typeof errCode === 'number' ? errCode : ClientErrorCodes.TRANSPORT_FAILED, '云函数调用失败，请稍后重试', {
      errMsg: errMsg ?? String(error),
    });
  }
}

function viaBridge(name: string, event: Record<string, unknown>): Promise<unknown> {
  const identity = getDevIdentity();
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.localBaseUrl.replace(/\/+$/, '')}/functions/${encodeURIComponent(name)}`,
      method: 'POST',
      data: event,
      dataType: 'json',
      header: { 'content-type': 'application/json', 'x-wx-openid': identity.openid },
      success: (res) => {
        const body = (res.data ?? {}) as BridgeReply;
        if (res.statusCode >= 200 && res.statusCode < 300) {
          resolve(body.result);
          return;
        }
        const code = typeof body.errCode === 'number' ? body.errCode : ClientErrorCodes.TRANSPORT_FAILED;
        reject(new ApiError(code, '云函数调用失败，请稍后重试', { errMsg: body.errMsg ?? `HTTP ${res.statusCode}` }, body.requestId));
      },
      fail: (err) => {
        // Usually the emulator is not running or the domain check is on.
        reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, '无法连接本地模拟器，请确认已运行 npm start', { errMsg: err.errMsg }));
      },
    });
  });
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return !!value && typeof value === 'object' && typeof (value as Envelope<unknown>).code === 'number';
}

function unwrap<T>(reply: unknown): T {
  if (!isEnvelope(reply)) throw new ApiError(ClientErrorCodes.BAD_RESPONSE, '服务返回格式错误');
  if (reply.code !== 0) throw new ApiError(reply.code, reply.message || '请求失败', reply.details, reply.requestId);
  return reply.data as T;
}
