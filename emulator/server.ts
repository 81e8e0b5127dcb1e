import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DatabaseService } from './database';
import { readFunctionConfigs } from './functions/function-config';
import { FunctionRuntime, type InvocationIdentity } from './functions/runtime';
import { matchHttpAccessRoute, readHttpAccessRoutes, upstreamPath, type HttpAccessRoute } from './routes';
import { TimerScheduler } from './timers';
import { decodeAdminBody, sendWxServiceReply } from './wechat/wx-service-wire';
import { handleWxPayControl, isWxPayControlPath } from './wechat/wxpay-control';

export const DEFAULT_ENV_ID = 'local-dev';
export const DEFAULT_APP_ID = 'wx0000000000local';

/** Handles the `wx.*` admin actions (openapi, cloudPay) that the SDK sends to Tencent. */
export type WxServiceHandler = (
  body: Record<string, unknown>,
  identity: InvocationIdentity | undefined,
  emulator: Emulator,
) => Promise<Record<string, unknown>>;

export interface EmulatorOptions {
  projectRoot: string;
  dataDir: string;
  port?: number;
  host?: string;
  functionsRoot?: string;
  envId?: string;
  appId?: string;
  /** start cron schedules from config.json triggers */
  timers?: boolean;
  echoLogs?: boolean;
  /** extra env for every function instance (configuration such as master keys) */
  functionEnv?: Record<string, string>;
  wxServices?: Record<string, WxServiceHandler>;
}

export interface Emulator {
  url: string;
  port: number;
  envId: string;
  appId: string;
  dataDir: string;
  db: DatabaseService;
  runtime: FunctionRuntime;
  timers: TimerScheduler;
  routes: HttpAccessRoute[];
  /** admin requests per action, for counting DB round trips */
  stats(): Record<string, number>;
  resetStats(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 6 * 1024 * 1024; // CloudBase HTTP access and callFunction payload cap

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Answer 413 (the handler's catch replies), then stop reading: pausing instead of
        // destroying the socket lets the client receive the reply.
        reject(Object.assign(new Error('request body too large'), { status: 413, closeConnection: true }));
        req.removeAllListeners('data');
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function isTextual(contentType: string | undefined): boolean {
  return !contentType || /json|text|xml|x-www-form-urlencoded|javascript/i.test(contentType);
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const appId = options.appId ?? DEFAULT_APP_ID;
  mkdirSync(options.dataDir, { recursive: true });
  const db = new DatabaseService({ file: join(options.dataDir, 'database.sqlite') });
  const routes = readHttpAccessRoutes(options.projectRoot);
  const functionConfigs = readFunctionConfigs(options.functionsRoot ?? join(options.projectRoot, 'build', 'functions'));
  const actionCounts: Record<string, number> = {};

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error & { status?: number; closeConnection?: boolean }) => {
      sendJson(res, error.status ?? 500, { code: 'EMULATOR_ERROR', message: error.message }, error.closeConnection ? { connection: 'close' } : {});
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`端口 ${options.port} 已被占用：换一个 PORT，或先停止正在运行的模拟器`) : error),
    );
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  // Functions reach the emulator on the address it listens on (loopback when it listens on all).
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${reachableHost}:${port}`;

  const runtime = new FunctionRuntime(new Map(functionConfigs.map((f) => [f.name, f])), {
    envId,
    adminUrl: `${url}/admin`,
    defaultAppId: appId,
    logFile: join(options.dataDir, 'functions.log'),
    echoLogs: options.echoLogs ?? false,
    extraEnv: options.functionEnv,
  });
  const timers = new TimerScheduler(runtime, functionConfigs);
  if (options.timers) timers.start();

  const emulator: Emulator = {
    url,
    port,
    envId,
    appId,
    dataDir: options.dataDir,
    db,
    runtime,
    timers,
    routes,
    stats: () => ({ ...actionCounts }),
    resetStats: () => {
      for (const key of Object.keys(actionCounts)) delete actionCounts[key];
    },
    close: async () => {
      timers.stop();
      await runtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };

  async function handleAdmin(req: IncomingMessage, res: ServerResponse) {
    const body = decodeAdminBody(await readBody(req), req.headers['content-type']);
    const action = String(body.action ?? '');
    actionCounts[action] = (actionCounts[action] ?? 0) + 1;
    const requestId = randomUUID();
    if (action.startsWith('database.')) {
      return sendJson(res, 200, { requestId, ...(await db.handle(body)) });
    }
    const identity = runtime.identityForToken(body.wxCloudApiToken as string | undefined);
    if (action === 'functions.invokeFunction') {
      const name = String(body.function_name ?? '');
      if (!runtime.has(name)) return sendJson(res, 200, { requestId, code: 'FUNCTIONS_NOT_EXIST', message: `function ${name} not found` });
      const event = body.request_data ? JSON.parse(String(body.request_data)) : {};
      // Like CloudBase, SOURCE carries the chain: a function called from a function called by
      // the mini-program sees `wx_client,scf`.
      const outcome = await runtime.invoke(name, event, { ...identity, source: identity?.source ? `${identity.source},scf` : 'scf' });
      if (!outcome.ok) return sendJson(res, 200, { requestId: outcome.requestId, code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.errorMessage });
      return sendJson(res, 200, { requestId: outcome.requestId, data: { response_data: JSON.stringify(outcome.result ?? null) } });
    }
    const service = options.wxServices?.[action];
    if (service) return sendWxServiceReply(res, requestId, await service(body, identity, emulator));
    return sendJson(res, 200, { requestId, code: 'EMULATOR_UNSUPPORTED_ACTION', message: `the local emulator does not implement ${action}` });
  }

  /** Mini-program local mode: what wx.cloud.callFunction does, over plain HTTP. */
  async function handleBridge(req: IncomingMessage, res: ServerResponse, name: string) {
    if (!runtime.has(name))
      return sendJson(res, 404, { errCode: -501000, errMsg: `cloud.callFunction:fail FunctionName parameter could not be found: ${name}` });
    const raw = (await readBody(req)).toString('utf8');
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

  /** CloudBase HTTP access: request → HTTP-access event → function → response. */
  async function handleGateway(req: IncomingMessage, res: ServerResponse, route: HttpAccessRoute, requestUrl: URL) {
    const raw = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    // No x-original-uri: CloudBase's documented HTTP access event has none, so functions rebuild
    // the query string from queryStringParameters here exactly as they must in the cloud.
    // Like any proxy, the gateway appends the address it received the request from.
    const peer = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${peer}` : peer;
    const textual = isTextual(headers['content-type']);
    const event = {
      path: upstreamPath(route, requestUrl.pathname),
      httpMethod: req.method ?? 'GET',
      headers,
      queryStringParameters: Object.fromEntries(requestUrl.searchParams.entries()),
      requestContext: { requestId: randomUUID(), envId, appId, uin: '' },
      body: raw.length ? (textual ? raw.toString('utf8') : raw.toString('base64')) : '',
      isBase64Encoded: raw.length > 0 && !textual,
    };
    const outcome = await runtime.invoke(route.functionName, event, { clientIp: req.socket.remoteAddress, source: 'wx_http' });
    if (!outcome.ok) return sendJson(res, 502, { code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.errorMessage, requestId: outcome.requestId });
    const result = outcome.result as { statusCode?: number; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: boolean } | string | null;
    if (typeof result === 'string') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(result);
    }
    if (result && typeof result === 'object' && typeof result.statusCode === 'number') {
      const body = typeof result.body === 'string' ? result.body : JSON.stringify(result.body ?? '');
      res.writeHead(result.statusCode, result.headers ?? {});
      return res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
    }
    return sendJson(res, 200, result);
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path === '/_emulator/health') return sendJson(res, 200, { ok: true, envId, functions: runtime.list().map((f) => f.name) });
    if (isWxPayControlPath(path)) return handleWxPayControl(req, res, path, emulator);
    if (path === '/_emulator/stats' && req.method === 'GET') return sendJson(res, 200, { admin: emulator.stats() });
    if (path === '/_emulator/stats/reset' && req.method === 'POST') {
      emulator.resetStats();
      return sendJson(res, 200, { ok: true });
    }
    const timer = /^\/_emulator\/timers\/([\w-]+)$/.exec(path);
    if (timer && req.method === 'POST') {
      const outcome = await timers.fire(timer[1]);
      return sendJson(res, outcome.ok ? 200 : 502, outcome);
    }
    return sendJson(res, 404, { code: 'NOT_FOUND', message: `unknown emulator endpoint ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestUrl = new URL(req.url ?? '/', url);
    const path = requestUrl.pathname;
    // No CORS: the mini-program's wx.request is not a browser, and a web page the developer has
    // open must not be able to drive the bridge (it trusts x-wx-openid) or the admin endpoint.
    // HTTP access paths hand OPTIONS to their function, as CloudBase does.
    if (path === '/admin' && req.method === 'POST') return handleAdmin(req, res);
    const bridge = /^\/functions\/([\w-]+)$/.exec(path);
    if (bridge && req.method === 'POST') return handleBridge(req, res, bridge[1]);
    if (path.startsWith('/_emulator/')) return handleControl(req, res, path);
    const route = matchHttpAccessRoute(routes, path);
    if (route) return handleGateway(req, res, route, requestUrl);
    return sendJson(res, 404, { code: 'HTTP_ACCESS_NOT_FOUND', message: `no HTTP access route for ${path}` });
  }

  return emulator;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value || undefined;
}
