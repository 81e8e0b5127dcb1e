import type { PayScoreBusinessView } from '../../typings/api/payment';
import type { Envelope } from '../../typings/api/common';
import { config } from '../config/index';
import { getDevIdentity } from '../utils/dev-identity';
import { ApiError, ClientErrorCodes } from './errors';

/**
 * The ONE way the mini-program reaches the backend and WeChat Pay. Services call `callFunction`
 * (usually through the typed client in api.ts), `requestPayment` and `openPayScore`; nothing else
 * touches wx.cloud, wx.request, wx.requestPayment or wx.openBusinessView, and nothing else reads
 * `config.mode`, which picks the wire:
 *   cloud: wx.cloud.callFunction({ name, data: event })
 *   local: POST `${localBaseUrl}/functions/<name>` with the event as JSON and
 *          `x-wx-openid` = the dev test user (the emulator's callFunction bridge)
 * Either way the function's reply is the envelope `{ code, message, data, details?, requestId? }`:
 * code 0 resolves to `data`, anything else rejects with ApiError.
 */
export type { Envelope };

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

/**
 * 40902 (CommonErrors.BUSY): the function's database transaction lost a write conflict after its
 * own retries and rolled back. The transport sends the SAME event once more after a random
 * 300–700 ms, so a diner's tap during a burst still succeeds. Safe for every action: the event is
 * resent unchanged, so its idempotency key (refund `requestId`, ledger `idempotencyKey`, the
 * payment/order id of payWithTickets and createPayment) makes the server replay what a first
 * attempt may already have done instead of doing it twice; an action without a key only answers
 * 40902 when its one transaction rolled back, i.e. nothing was applied. Only one retry: a second
 * 40902 reaches the page (操作繁忙，请稍后重试).
 */
export const BUSY_CODE = 40902;
export const BUSY_RETRY_DELAY_MS = { min: 300, max: 700 } as const;

export async function callFunction<T>(name: string, action: string, payload: Record<string, unknown> = {}): Promise<T> {
  const event = { ...payload, action };
  const send = async () => (config.mode === 'local' ? viaBridge(name, event) : viaCloud(name, event));
  let reply = await send();
  if (isEnvelope(reply) && reply.code === BUSY_CODE) {
    const { min, max } = BUSY_RETRY_DELAY_MS;
    await new Promise((resolve) => setTimeout(resolve, min + Math.floor(Math.random() * (max - min))));
    reply = await send();
  }
  return unwrap<T>(reply);
}

/**
 * Lets the diner pay a WeChat Pay order. Cloud mode: the real cashier (wx.requestPayment) with the
 * parameters the backend's unifiedOrder returned. Local mode: the emulator's WeChat Pay simulator
 * "pays" the payment (its out_trade_no) and sends the callback, as WeChat would. Resolves when the
 * diner finished; a cancel or failure rejects with ApiError (`details.cancelled` for a cancel).
 */
export function requestPayment(paymentId: string, wxPayment: Record<string, string>): Promise<void> {
  if (config.mode === 'local') return callEmulatorSimulator('/_emulator/wxpay/pay', { outTradeNo: paymentId }, '模拟支付失败');
  return new Promise((resolve, reject) => {
    wx.requestPayment({
      timeStamp: wxPayment.timeStamp,
      nonceStr: wxPayment.nonceStr,
      package: wxPayment.package,
      signType: wxPayment.signType as 'MD5',
      paySign: wxPayment.paySign,
      success: () => resolve(),
      fail: (err) => {
        const cancelled = /cancel/i.test(err.errMsg ?? '');
        reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, cancelled ? '已取消支付' : '支付未完成', { errMsg: err.errMsg, cancelled }));
      },
    });
  });
}

/**
 * Lets the diner confirm a Pay Score (先享后付) service order. Cloud mode: the Pay Score
 * mini-program via wx.openBusinessView with the backend's signed extraData, passed on untouched.
 * Local mode: the emulator's Pay Score sandbox checks the same extraData (signature included)
 * and confirms. Resolves when the diner is back.
 */
export function openPayScore(view: PayScoreBusinessView): Promise<void> {
  if (config.mode === 'local') return callEmulatorSimulator('/_emulator/wxpay/payscore/confirm', { ...view.extraData }, '模拟确认支付分失败');
  // Not in the API typings yet (base library ≥ 2.6.0 has it).
  const open = (wx as unknown as { openBusinessView?: (options: OpenBusinessViewOptions) => void }).openBusinessView;
  if (!open) return Promise.reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, '当前微信版本过低，请升级后使用支付分'));
  return new Promise((resolve, reject) => {
    open({
      businessType: view.businessType,
      extraData: view.extraData,
      success: () => resolve(),
      fail: (err) => {
        const cancelled = /cancel/i.test(err.errMsg ?? '');
        reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, cancelled ? '已取消支付分确认' : '未能打开微信支付分', { errMsg: err.errMsg, cancelled }));
      },
    });
  });
}

interface OpenBusinessViewOptions {
  businessType: string;
  extraData: Record<string, string>;
  success?: (res: { extraData?: Record<string, unknown> }) => void;
  fail?: (err: { errMsg?: string }) => void;
}

/** Local mode: asks one of the emulator's simulated outside services to act as WeChat would. */
function callEmulatorSimulator(path: string, data: Record<string, unknown>, failure: string): Promise<void> {
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

// ------------------------------------------------------------------ live queries (db.watch)

/**
 * A live query: the documents of one collection matching `where`, pushed again whenever they
 * change. Equality on a field, or `{ $in: [...] }`. The string `'{openid}'` as a value stands for
 * the caller (CloudBase's placeholder, replaced server-side), which is how a diner's query
 * satisfies a security rule such as `doc.openid == auth.openid`.
 */
export type LiveWhereValue = string | number | boolean | { $in: (string | number)[] };
export interface LiveQuery {
  collection: string;
  where: Record<string, LiveWhereValue>;
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  /** at most this many documents (CloudBase: a listener may cover ≤ 5,000 records) */
  limit?: number;
}

export interface LiveHandlers<T> {
  /** every snapshot: the whole current result set in wire form (times as ISO strings) */
  onSnapshot(docs: T[]): void;
  /** a failure the page should show (permission denied, too many records, gave up reconnecting) */
  onError?(error: ApiError): void;
}

export interface LiveSubscription {
  close(): void;
}

/** CloudBase realtime errors the listener recovers from, and what the emulator answers alike. */
export const WatchErrors = {
  /** the socket went away (typically after the screen was off): reconnect */
  SOCKET_LOST: -402004,
  /** re-watching right after close(): back off before the next try */
  REWATCH_TOO_SOON: -402002,
  /** the security rule does not let this caller read what the query covers */
  PERMISSION_DENIED: -502003,
  /** the query covers more records than one listener may (5,000): narrow it */
  LIMIT_EXCEEDED: -402009,
} as const;

/** Errors that a new connection cannot fix: report and stop. */
const FATAL_WATCH_ERRORS: readonly number[] = [WatchErrors.PERMISSION_DENIED, WatchErrors.LIMIT_EXCEEDED];
export const WATCH_MAX_RECONNECTS = 8;

/**
 * Wait before reconnect number `attempt` (1-based) after `errCode`: exponential backoff with
 * jitter from 500 ms up to 30 s; -402002 (re-watched too soon) starts at 3 s. null = give up.
 */
export function watchRetryDelayMs(errCode: number, attempt: number, random: () => number = Math.random): number | null {
  if (FATAL_WATCH_ERRORS.includes(errCode) || attempt > WATCH_MAX_RECONNECTS) return null;
  const base = errCode === WatchErrors.REWATCH_TOO_SOON ? 3000 : 500;
  const bound = Math.min(30_000, base * 2 ** (attempt - 1));
  return Math.round(bound / 2 + (random() * bound) / 2);
}

/** One connection of a live query; `onFailure` gets the error code when it breaks. */
interface WatchConnection {
  close(): void;
}
type Connect = <T>(query: LiveQuery, onDocs: (docs: T[]) => void, onFailure: (errCode: number, errMsg: string) => void) => WatchConnection;

/**
 * Watches a live query until close(): cloud mode through `wx.cloud.database()...watch()`, local
 * mode through the emulator's equivalent (a WebSocket to `/_emulator/watch`). A dropped
 * connection is reopened with backoff (watchRetryDelayMs); a snapshot resets the count.
 */
export function watchQuery<T>(query: LiveQuery, handlers: LiveHandlers<T>): LiveSubscription {
  const connect: Connect = config.mode === 'local' ? connectLocalWatch : connectCloudWatch;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let connection: WatchConnection | undefined;

  const open = () => {
    if (closed) return;
    connection = connect<T>(
      query,
      (docs) => {
        attempt = 0;
        if (!closed) handlers.onSnapshot(docs);
      },
      (errCode, errMsg) => {
        connection = undefined;
        if (closed) return;
        attempt++;
        const delay = watchRetryDelayMs(errCode, attempt);
        if (delay === null) {
          closed = true;
          handlers.onError?.(new ApiError(errCode, watchFailureMessage(errCode), { errMsg }));
          return;
        }
        timer = setTimeout(open, delay);
      },
    );
  };
  open();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      connection?.close();
      connection = undefined;
    },
  };
}

function watchFailureMessage(errCode: number): string {
  if (errCode === WatchErrors.PERMISSION_DENIED) return '没有权限查看这些实时数据';
  if (errCode === WatchErrors.LIMIT_EXCEEDED) return '实时数据过多，请缩小范围';
  return '实时更新已断开，请下拉刷新';
}

/** Dates (cloud) become ISO strings, so both modes hand pages the same wire form. */
function toWire<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const connectCloudWatch: Connect = <T>(query: LiveQuery, onDocs: (docs: T[]) => void, onFailure: (errCode: number, errMsg: string) => void) => {
  initTransport();
  const db = wx.cloud.database();
  const where: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(query.where)) {
    where[field] = typeof value === 'object' && value !== null ? db.command.in(value.$in) : value;
  }
  let listener: { close: () => Promise<void> } | undefined;
  let failed = false;
  const fail = (errCode: number, errMsg: string) => {
    if (failed) return;
    failed = true;
    // The SDK's listener is dead after an error; closing it frees the socket slot.
    listener?.close().catch(() => undefined);
    onFailure(errCode, errMsg);
  };
  try {
    let ref = db.collection(query.collection).where(where);
    if (query.orderBy) ref = ref.orderBy(query.orderBy.field, query.orderBy.direction);
    if (query.limit) ref = ref.limit(query.limit);
    listener = ref.watch({
      onChange: (snapshot) => onDocs(toWire<T[]>(snapshot.docs)),
      onError: (error: { errCode?: number; errMsg?: string }) =>
        fail(typeof error?.errCode === 'number' ? error.errCode : WatchErrors.SOCKET_LOST, error?.errMsg ?? String(error)),
    });
  } catch (error) {
    setTimeout(() => fail(WatchErrors.SOCKET_LOST, String(error)), 0);
  }
  return {
    close() {
      failed = true;
      listener?.close().catch(() => undefined);
    },
  };
};

/** What the emulator's watch socket sends: snapshots, or one error before it closes. */
interface LocalWatchMessage {
  type: 'snapshot' | 'error';
  docs?: unknown[];
  errCode?: number;
  errMsg?: string;
}

const connectLocalWatch: Connect = <T>(query: LiveQuery, onDocs: (docs: T[]) => void, onFailure: (errCode: number, errMsg: string) => void) => {
  const url = `${config.localBaseUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/_emulator/watch`;
  let done = false;
  let reported = false;
  const fail = (errCode: number, errMsg: string) => {
    if (reported || done) return;
    reported = true;
    onFailure(errCode, errMsg);
  };
  let socket: WechatMiniprogram.SocketTask;
  try {
    socket = wx.connectSocket({ url, header: { 'x-wx-openid': getDevIdentity().openid }, fail: (err) => fail(WatchErrors.SOCKET_LOST, err.errMsg) });
  } catch (error) {
    setTimeout(() => fail(WatchErrors.SOCKET_LOST, String((error as { errMsg?: string })?.errMsg ?? error)), 0);
    return { close: () => undefined };
  }
  socket.onOpen(() => socket.send({ data: JSON.stringify({ type: 'watch', ...query }) }));
  socket.onMessage((message) => {
    let parsed: LocalWatchMessage;
    try {
      parsed = JSON.parse(String(message.data)) as LocalWatchMessage;
    } catch {
      return;
    }
    if (parsed.type === 'snapshot') onDocs((parsed.docs ?? []) as T[]);
    else if (parsed.type === 'error') fail(parsed.errCode ?? WatchErrors.SOCKET_LOST, parsed.errMsg ?? '');
  });
  socket.onError((err) => fail(WatchErrors.SOCKET_LOST, err.errMsg));
  socket.onClose(() => fail(WatchErrors.SOCKET_LOST, 'socket closed'));
  return {
    close() {
      done = true;
      socket.close({});
    },
  };
};
