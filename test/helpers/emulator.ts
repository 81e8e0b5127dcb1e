import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator as startEmulatorServer, type Emulator, type EmulatorOptions } from '../../emulator/server';
import type { EmulatorCredentials } from '../../emulator/types';
import type { Database } from '../../cloudfunctions/shared/repositories/database-types';
import { installTransactionGuard } from '../../emulator/database/sdk-guard.cjs';
import { testFunctionEnv } from './function-env';

export const PROJECT_ROOT = join(__dirname, '..', '..');

export interface TestEmulator extends Emulator {
  /** Calls a function as a mini-program user would (wx.cloud.callFunction via the bridge). */
  call<T = unknown>(name: string, data: Record<string, unknown>, openid?: string): Promise<T>;
  /** Sends an HTTP request through the HTTP access gateway. */
  http(
    method: string,
    path: string,
    init?: { body?: string | object; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; text: string; json: any }>;
  stop(): Promise<void>;
}

/**
 * Each test file gets its own emulator on a free port with a temp data folder. Functions get a
 * complete configuration (testFunctionEnv) under the test's own `functionEnv`, unless
 * `bareConfig` (a test of the cold-start configuration check itself).
 */
export async function startTestEmulator(options: Partial<EmulatorOptions> & { bareConfig?: boolean } = {}): Promise<TestEmulator> {
  const { bareConfig, ...rest } = options;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'emulator-test-'));
  const emulator = await startEmulatorServer({
    projectRoot: PROJECT_ROOT,
    dataDir,
    // Tests' collections are tiny, so every query a function makes on a collection declared
    // `grows` must already be served by a declared index (production checks from 1000 documents).
    indexCheck: { mode: 'fail', minDocuments: 1000, growingMinDocuments: 0 },
    ...rest,
    functionEnv: bareConfig ? (options.functionEnv ?? {}) : { ...testFunctionEnv(), ...options.functionEnv },
  });
  credentialsByUrl.set(emulator.url, emulator.credentials);
  return Object.assign(emulator, {
    async call<T>(name: string, data: Record<string, unknown>, openid?: string): Promise<T> {
      const response = await fetch(`${emulator.url}/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
        body: JSON.stringify(data),
      });
      const reply = (await response.json()) as { result?: T; errMsg?: string };
      if (!response.ok) throw new Error(reply.errMsg ?? `bridge HTTP ${response.status}`);
      return reply.result as T;
    },
    async http(method: string, path: string, init: { body?: string | object; headers?: Record<string, string> } = {}) {
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        body,
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    async stop() {
      credentialsByUrl.delete(emulator.url);
      await emulator.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** The credentials of each emulator this test file started, so `connectSdk(url)` signs like its functions do. */
const credentialsByUrl = new Map<string, EmulatorCredentials>();

/**
 * The real wx-server-sdk pointed at the emulator, as the test process's own client (to seed
 * or inspect data the way a function would). The environment mirrors a cloud function's, and
 * the client signs its requests with the emulator's credentials (`/admin` refuses others): those
 * of an emulator started here, or `credentials` (e.g. from the state file of a spawned `npm start`).
 * `cloud.init()` works once per SDK module, so each URL gets its own `createNewInstance`.
 */
export type SdkClient = Omit<typeof import('wx-server-sdk'), 'database'> & { database(): Database };
const clients = new Map<string, SdkClient>();

export function connectSdk(url: string, envId = 'local-dev', credentials = credentialsByUrl.get(url)): SdkClient {
  process.env.TENCENTCLOUD_SESSIONTOKEN ||= 'emulator';
  // Without these @cloudbase/node-sdk probes metadata.tencentyun.com on every request.
  process.env.TENCENTCLOUD_RUNENV ||= 'SCF';
  process.env.TENCENTCLOUD_REGION ||= 'ap-shanghai';
  process.env.SCF_NAMESPACE ||= envId;
  installTransactionGuard();
  // An emulator not started here and no credentials given: the SDK still needs a key pair to
  // send anything (and /admin answers 401, which is what such a test wants to see).
  const { secretId, secretKey } = credentials ?? { secretId: 'unknown', secretKey: 'unknown' };
  const key = `${envId}@${url}#${secretId}:${secretKey}`;
  let client = clients.get(key);
  if (!client) {
    const sdk = require('wx-server-sdk') as { createNewInstance(config: Record<string, unknown>): SdkClient };
    client = sdk.createNewInstance({ env: envId, serviceUrl: `${url}/admin`, secretId, secretKey });
    clients.set(key, client);
  }
  return client;
}
