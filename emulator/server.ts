import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DatabaseService } from './database';
import { readFunctionConfigs } from './functions/function-config';
import { FunctionRuntime } from './functions/runtime';
import { checkCaller, hostsFor, requireContentType, type AccessPolicy } from './http/access';
import { generateCredentials } from './http/admin-auth';
import { handleAdmin } from './http/admin-endpoint';
import { sendDiscardingBody, sendJson, type HttpError } from './http/body';
import { handleBridge } from './http/bridge';
import { handleControl } from './http/control';
import { handleGateway } from './http/gateway';
import { WATCH_PATH, WatchHub } from './http/watch';
import { matchHttpAccessRoute, readHttpAccessRoutes } from './routes';
import { SIMULATORS } from './simulators/registry';
import { TimerScheduler } from './timers';
import type { Emulator, EmulatorOptions, EndpointContext } from './types';

// The vocabulary lives in types.ts (a leaf); re-exported so callers keep one entry point.
export type { Emulator, EmulatorOptions, WxServiceHandler } from './types';

export const DEFAULT_ENV_ID = 'local-dev';
export const DEFAULT_APP_ID = 'wx0000000000local';

/** Starts the emulator: database, function runtime, timers, and one HTTP server routing to the endpoints in http/. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const appId = options.appId ?? DEFAULT_APP_ID;
  mkdirSync(options.dataDir, { recursive: true });
  const db = new DatabaseService({ file: join(options.dataDir, 'database.sqlite') });
  const routes = readHttpAccessRoutes(options.projectRoot);
  const functionConfigs = readFunctionConfigs(options.functionsRoot ?? join(options.projectRoot, 'build', 'functions'));
  const actionCounts: Record<string, number> = {};

  const server: Server = createServer((req, res) => {
    // A thrown `status` is the reply's (HttpError, or a simulator's simulated timeout); anything else is a 500.
    route(req, res).catch((error: Error & Partial<Pick<HttpError, 'status' | 'discardBody' | 'code'>>) => {
      const reply = { code: error.code ?? 'EMULATOR_ERROR', message: error.message };
      if (error.discardBody) sendDiscardingBody(req, res, error.status ?? 500, reply);
      else sendJson(res, error.status ?? 500, reply);
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
  const credentials = options.credentials ?? generateCredentials();
  const policy: AccessPolicy = { port, allowedHosts: hostsFor(host, options.allowedHosts), allowedOrigins: options.allowedOrigins ?? [] };

  const runtime = new FunctionRuntime(new Map(functionConfigs.map((f) => [f.name, f])), {
    envId,
    adminUrl: `${url}/admin`,
    defaultAppId: appId,
    logFile: join(options.dataDir, 'functions.log'),
    echoLogs: options.echoLogs ?? false,
    extraEnv: options.functionEnv,
    credentials,
  });
  const timers = new TimerScheduler(runtime, functionConfigs);
  if (options.timers) timers.start();

  const emulator: Emulator = {
    url,
    port,
    envId,
    appId,
    dataDir: options.dataDir,
    credentials,
    db,
    runtime,
    timers,
    routes,
    simulators: options.simulators ?? SIMULATORS,
    stats: () => ({ ...actionCounts }),
    resetStats: () => {
      for (const key of Object.keys(actionCounts)) delete actionCounts[key];
    },
    live: {
      dropAll: () => hub.dropAll(),
      size: () => hub.size,
    },
    close: async () => {
      hub.close();
      timers.stop();
      await runtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
  // db.watch's local equivalent: WebSocket upgrades on WATCH_PATH, same Host/Origin checks as the bridge.
  const hub = new WatchHub(emulator);
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    try {
      if (new URL(req.url ?? '/', url).pathname !== WATCH_PATH) throw new Error('no such upgrade');
      checkCaller(req, policy, true);
      hub.upgrade(req, socket, head);
    } catch {
      socket.destroy();
    }
  });
  const context: EndpointContext = {
    emulator,
    countAdminAction: (action) => {
      actionCounts[action] = (actionCounts[action] ?? 0) + 1;
    },
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', url);
    const path = requestUrl.pathname;
    // No CORS, a Host that names the emulator, and no cross-site Origin (http/access.ts): a web
    // page the developer has open must not drive the bridge (it trusts x-wx-openid), the
    // simulators or the admin endpoint. HTTP access paths are the public gateway: the Host
    // check only, and OPTIONS goes to their function, as CloudBase does.
    const own = path === '/admin' || path.startsWith('/functions/') || path.startsWith('/_emulator/');
    checkCaller(req, policy, own);
    if (path === '/admin' && req.method === 'POST') return handleAdmin(req, res, context);
    const bridge = /^\/functions\/([\w-]+)$/.exec(path);
    if (bridge && req.method === 'POST') {
      requireContentType(req);
      return handleBridge(req, res, context, bridge[1]);
    }
    if (path.startsWith('/_emulator/')) {
      requireContentType(req);
      return handleControl(req, res, context, requestUrl);
    }
    const accessRoute = matchHttpAccessRoute(routes, path);
    if (accessRoute) return handleGateway(req, res, context, accessRoute, requestUrl);
    return sendJson(res, 404, { code: 'HTTP_ACCESS_NOT_FOUND', message: `no HTTP access route for ${path}` });
  }

  return emulator;
}
