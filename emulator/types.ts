/**
 * The emulator's vocabulary: what the server, its endpoints and the simulated outside services
 * say to each other. A leaf: it imports types only, and only from modules that never import the
 * server, the endpoints or a simulator, so nothing here can close an import circle
 * (test/emulator/structure.test.ts checks that the emulator has none).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseService } from './database';
import type { FunctionRuntime, InvocationIdentity } from './functions/runtime';
import type { HttpAccessRoute } from './routes';
import type { TimerScheduler } from './timers';

export type { InvocationIdentity };

/** The API key pair functions sign `/admin` requests with (their TENCENTCLOUD_SECRETID / SECRETKEY). */
export interface EmulatorCredentials {
  secretId: string;
  secretKey: string;
}

export interface Emulator {
  url: string;
  port: number;
  envId: string;
  appId: string;
  dataDir: string;
  /** what `/admin` requests must be signed with; every function instance gets them */
  credentials: EmulatorCredentials;
  db: DatabaseService;
  runtime: FunctionRuntime;
  timers: TimerScheduler;
  routes: HttpAccessRoute[];
  /** the simulated outside services this emulator serves (see simulators/registry.ts) */
  simulators: readonly SimulatorDefinition[];
  /** the realtime listeners of the mini-program's live views (http/watch.ts) */
  live: {
    /** fault: every listener's socket closes as after the screen was off (-402004); how many */
    dropAll(): number;
    size(): number;
  };
  /** admin requests per action, for counting DB round trips */
  stats(): Record<string, number>;
  resetStats(): void;
  close(): Promise<void>;
}

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
  /** the key pair `/admin` verifies signatures with (and functions get); a fresh random one unless given */
  credentials?: EmulatorCredentials;
  /** host names besides loopback that may appear in the Host header (e.g. a LAN name for real-device debugging) */
  allowedHosts?: readonly string[];
  /** origins besides WeChat's (https://servicewechat.com) that may call the bridge and control endpoints */
  allowedOrigins?: readonly string[];
  /** the simulated outside services to serve; every registered one (simulators/registry.ts) unless given */
  simulators?: readonly SimulatorDefinition[];
}

// ------------------------------------------------------------------ endpoints

/** What every endpoint handler (http/*.ts) gets besides the request and the response. */
export interface EndpointContext {
  emulator: Emulator;
  /** counts one `/admin` action for `emulator.stats()` */
  countAdminAction(action: string): void;
}

export type EndpointHandler = (req: IncomingMessage, res: ServerResponse, context: EndpointContext) => Promise<void>;

// ------------------------------------------------------------------ simulated outside services

/**
 * Answers one `/admin` action that the SDK sends to Tencent (`wx.openApi`, `wx.wxPayApi`…).
 * A Buffer reply goes out as raw bytes (e.g. protobuf), anything else as its JSON.
 */
export type WxServiceHandler = (
  body: Record<string, unknown>,
  identity: InvocationIdentity | undefined,
  emulator: Emulator,
) => Promise<Record<string, unknown> | Buffer>;

/** A request to a simulator's control route, its body already read by the one capped reader (http/body.ts). */
export interface ControlRequest {
  req: IncomingMessage;
  method: string;
  path: string;
  url: URL;
  body: Buffer;
}

export type ControlHandler = (request: ControlRequest, res: ServerResponse, emulator: Emulator) => Promise<void>;

/** Requests whose path starts with `prefix` (under `/_emulator/`) go to `handle`; the longest prefix wins. */
export interface ControlRoute {
  prefix: string;
  summary: string;
  handle: ControlHandler;
}

/** A CLI verb (`npm run emulator -- <verb> [argument]`) that sends one control request to a running emulator. */
export interface CliVerb {
  verb: string;
  /** as shown in the usage line: `<outTradeNo>` is required, `[outRefundNo]` optional */
  argument?: string;
  summary: string;
  /** the request to send; undefined when a required argument is missing (the CLI prints its usage) */
  request(argument: string | undefined): { method: 'GET' | 'POST'; path: string; body?: object } | undefined;
}

/**
 * One simulated outside service: everything the emulator wires for it, in one row of
 * simulators/registry.ts. `Instance` is the simulator object tests drive (one per emulator);
 * `faults` names its fault-injection hooks, so the names are checked against the object.
 */
export interface SimulatorDefinition<Instance = unknown> {
  name: string;
  summary: string;
  /** `/admin` actions it answers, by action name */
  adminActions?: Record<string, WxServiceHandler>;
  controlRoutes?: readonly ControlRoute[];
  cliVerbs?: readonly CliVerb[];
  /** the simulator object for an emulator (created on first use, kept per emulator) */
  instance?(emulator: Emulator): Instance;
  /** test-only fault-injection hooks on that object: method name → what it simulates */
  faults?: { readonly [K in keyof Instance & string]?: string };
  /** function configuration `npm start` needs to talk to this simulator (keys, merchant ids, URLs) */
  functionEnv?(dataDir: string, emulatorUrl: string): Record<string, string>;
}
