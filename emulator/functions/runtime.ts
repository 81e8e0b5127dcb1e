import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionConfig } from './function-config';

/** Who an invocation runs as: what cloud.getWXContext() returns inside the function. */
export interface InvocationIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** wx_client | wx_http | wx_trigger | wx_paycallback | <chain>,scf … (CloudBase SOURCE, via TCB_SOURCE) */
  source?: string;
}

export interface InvocationResult {
  ok: boolean;
  /** the function's return value, JSON-decoded */
  result?: unknown;
  errorMessage?: string;
  requestId: string;
  durationMs: number;
}

interface Pending {
  resolve: (r: InvocationResult) => void;
  timer: NodeJS.Timeout;
  requestId: string;
  started: number;
}

interface Instance {
  worker: Worker;
  busy: boolean;
  pending?: Pending;
}

interface QueuedCall {
  run: (instance: Instance) => void;
  requestId: string;
  /** settles the caller without running (emulator shutting down) */
  cancel: (result: InvocationResult) => void;
}

const INVOCATION_KEYS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_API_TOKEN', 'TCB_SOURCE', 'TRIGGER_SRC'];

export interface RuntimeOptions {
  envId: string;
  adminUrl: string;
  defaultAppId: string;
  logFile: string;
  /** echo function logs on the emulator's stdout */
  echoLogs: boolean;
  /** concurrent instances per function (CloudBase scales out; we cap it) */
  maxInstances?: number;
  extraEnv?: Record<string, string>;
  /** the key pair the SDK inside each function signs its `/admin` requests with */
  credentials: { secretId: string; secretKey: string };
}

/**
 * Runs deployed bundles the way CloudBase does: warm instances, one invocation per
 * instance at a time, the config.json timeout enforced, identity in WX_* variables, and
 * the invocation's API token so nested cloud.callFunction keeps the same caller.
 */
/** CloudBase's cap on a synchronous invocation's result. */
const MAX_RESULT_BYTES = 6 * 1024 * 1024;

export class FunctionRuntime {
  private readonly pools = new Map<string, { instances: Instance[]; queue: QueuedCall[] }>();
  private readonly tokens = new Map<string, InvocationIdentity>();
  private readonly log: WriteStream;
  private closed = false;

  constructor(
    private readonly functions: Map<string, FunctionConfig>,
    private readonly options: RuntimeOptions,
  ) {
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    // Cloud functions run in UTC. Worker threads share their process's time zone (a worker's own
    // TZ variable changes nothing), so the emulator's process runs in UTC too: date code that
    // passes here does not shift by 8 hours in the cloud.
    process.env.TZ = 'UTC';
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  list(): FunctionConfig[] {
    return [...this.functions.values()];
  }

  /** Identity behind an API token a function sent back to the emulator (nested calls, openapi). */
  identityForToken(token: string | undefined): InvocationIdentity | undefined {
    return token ? this.tokens.get(token) : undefined;
  }

  async invoke(name: string, event: unknown, identity: InvocationIdentity = {}): Promise<InvocationResult> {
    const config = this.functions.get(name);
    if (!config) throw new Error(`FUNCTION_NOT_FOUND: ${name}`);
    if (this.closed) throw new Error('emulator is shutting down');
    const requestId = randomUUID();
    const token = randomUUID();
    this.tokens.set(token, identity);
    const env: Record<string, string> = {
      // as on SCF, the API token is a context key: the SDK forwards it, getWXContext hides it
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
      WX_OPENID: identity.openid ?? '',
      WX_APPID: identity.appid ?? (identity.openid ? this.options.defaultAppId : ''),
      WX_UNIONID: identity.unionid ?? '',
      WX_CLIENTIP: identity.clientIp ?? '',
      WX_API_TOKEN: token,
      TCB_SOURCE: identity.source ?? 'wx_client',
      TRIGGER_SRC: identity.source === 'wx_trigger' ? 'timer' : '',
    };
    try {
      return await this.dispatch(config, { event, context: { request_id: requestId, function_name: name }, env }, requestId);
    } finally {
      this.tokens.delete(token);
    }
  }

  private pool(name: string) {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = { instances: [], queue: [] };
      this.pools.set(name, pool);
    }
    return pool;
  }

  private dispatch(
    config: FunctionConfig,
    message: { event: unknown; context: object; env: Record<string, string> },
    requestId: string,
  ): Promise<InvocationResult> {
    return new Promise((resolve) => {
      const run = (instance: Instance) => {
        instance.busy = true;
        const started = Date.now();
        const timer = setTimeout(() => {
          // Like CloudBase: the invocation fails with a timeout and the instance is recycled,
          // so it leaves the pool before anything else can be dispatched to it.
          const pool = this.pool(config.name);
          pool.instances = pool.instances.filter((i) => i !== instance);
          this.finish(config.name, instance, {
            ok: false,
            errorMessage: `Invoking task timed out after ${config.timeout} seconds`,
            requestId,
            durationMs: Date.now() - started,
          });
          void instance.worker.terminate();
        }, config.timeout * 1000);
        instance.pending = { resolve, timer, requestId, started };
        try {
          instance.worker.postMessage({ id: requestId, ...message });
        } catch (error) {
          // The event could not be handed over (e.g. structured clone gives up on a very deep
          // structure with a RangeError): nothing reached the instance, so it is idle again at
          // once. `run` also runs from drain() inside timers and worker events, where a throw
          // would reach the process, so it must never throw.
          this.finish(config.name, instance, {
            ok: false,
            errorMessage: `event could not be handed to the function: ${(error as Error).message}`,
            requestId,
            durationMs: Date.now() - started,
          });
        }
      };
      const pool = this.pool(config.name);
      const idle = pool.instances.find((i) => !i.busy);
      if (idle) return run(idle);
      if (pool.instances.length < (this.options.maxInstances ?? 4)) return run(this.spawn(config));
      pool.queue.push({ run, requestId, cancel: resolve });
    });
  }

  private spawn(config: FunctionConfig): Instance {
    const worker = new Worker(join(__dirname, 'worker.cjs'), {
      // config.json memorySize (MB) bounds the heap, so code that needs more memory than the
      // function is given fails here as it would in the cloud (the SDK itself needs ~64 MB).
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, config.memorySize) },
      workerData: {
        bundlePath: config.bundlePath,
        invocationKeys: INVOCATION_KEYS,
        env: {
          TCB_ENV: this.options.envId,
          SCF_NAMESPACE: this.options.envId,
          SCF_FUNCTIONNAME: config.name,
          TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.options.adminUrl }),
          TENCENTCLOUD_SESSIONTOKEN: 'emulator',
          // what every SCF instance has; without them the SDK probes the cloud metadata service
          TENCENTCLOUD_RUNENV: 'SCF',
          TENCENTCLOUD_REGION: 'ap-shanghai',
          TZ: 'UTC',
          ...this.options.extraEnv,
          ...config.envVariables,
          // last, so no configuration can replace what /admin verifies signatures with
          TENCENTCLOUD_SECRETID: this.options.credentials.secretId,
          TENCENTCLOUD_SECRETKEY: this.options.credentials.secretKey,
        },
      },
      stdout: true,
      stderr: true,
    });
    const instance: Instance = { worker, busy: false };
    const prefix = `[${config.name}] `;
    const forward = (chunk: Buffer) => {
      const text = chunk.toString();
      this.log.write(text.replace(/^(?=.)/gm, prefix));
      if (this.options.echoLogs) process.stdout.write(text.replace(/^(?=.)/gm, prefix));
    };
    worker.stdout.on('data', forward);
    worker.stderr.on('data', forward);
    worker.on('message', (msg: { id: string; ok: boolean; json?: string; error?: { message: string } }) => {
      const pending = instance.pending;
      if (!pending || pending.requestId !== msg.id) return;
      // CloudBase refuses a synchronous result over 6 MB; so does the emulator.
      const tooLarge = msg.ok && msg.json !== undefined && Buffer.byteLength(msg.json) > MAX_RESULT_BYTES;
      this.finish(config.name, instance, {
        ok: msg.ok && !tooLarge,
        result: msg.ok && !tooLarge && msg.json !== undefined ? JSON.parse(msg.json) : undefined,
        errorMessage: tooLarge ? `function result exceeds ${MAX_RESULT_BYTES / 1024 / 1024} MB` : msg.error?.message,
        requestId: msg.id,
        durationMs: Date.now() - pending.started,
      });
    });
    const retire = (reason: string) => {
      if (this.closed) return;
      if (instance.pending) {
        this.finish(config.name, instance, {
          ok: false,
          errorMessage: reason,
          requestId: instance.pending.requestId,
          durationMs: Date.now() - instance.pending.started,
        });
      }
      const pool = this.pool(config.name);
      pool.instances = pool.instances.filter((i) => i !== instance);
      this.drain(config);
    };
    worker.on('error', (error) => retire(`function crashed: ${error.message}`));
    worker.on('exit', () => retire('function instance exited'));
    this.pool(config.name).instances.push(instance);
    return instance;
  }

  private finish(name: string, instance: Instance, result: InvocationResult) {
    const pending = instance.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    instance.pending = undefined;
    instance.busy = false;
    pending.resolve(result);
    const config = this.functions.get(name);
    if (config) this.drain(config);
  }

  private drain(config: FunctionConfig) {
    const pool = this.pool(config.name);
    while (pool.queue.length) {
      const idle = pool.instances.find((i) => !i.busy);
      const instance = idle ?? (pool.instances.length < (this.options.maxInstances ?? 4) && !this.closed ? this.spawn(config) : undefined);
      if (!instance) return;
      pool.queue.shift()!.run(instance);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    // Settle what is still running or waiting, so no timeout timer keeps the process alive and
    // no caller waits forever on an emulator that is gone.
    const shutDown = (requestId: string): InvocationResult => ({ ok: false, errorMessage: 'emulator is shutting down', requestId, durationMs: 0 });
    for (const pool of this.pools.values()) {
      for (const instance of pool.instances) {
        const pending = instance.pending;
        if (!pending) continue;
        clearTimeout(pending.timer);
        instance.pending = undefined;
        pending.resolve(shutDown(pending.requestId));
      }
      for (const queued of pool.queue.splice(0)) queued.cancel(shutDown(queued.requestId));
    }
    const workers = [...this.pools.values()].flatMap((p) => p.instances.map((i) => i.worker));
    this.pools.clear();
    await Promise.all(workers.map((w) => w.terminate()));
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
