/**
 * The real wx-server-sdk pointed at a local server.
 *
 * wx-server-sdk exports one `cloud` singleton whose `init()` only works once per module instance
 * (a second call is ignored), so for independent clients use `cloud.createNewInstance(config)`,
 * which returns a fresh, initialised API object; each can point at a different serviceUrl.
 * (`jest.isolateModules(() => require('wx-server-sdk'))` also works but loads the SDK again.)
 */
import { connectSdk as connectTestSdk } from '../../helpers/emulator';

export type WxCloud = typeof import('wx-server-sdk');
// The SDK's typings describe the mini-program API only loosely; tests use it dynamically.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = any;

export function connectSdk(url: string, env = 'local-dev'): { cloud: WxCloud; db: AnyDb } {
  const cloud = connectTestSdk(url, env) as unknown as WxCloud;
  return { cloud, db: cloud.database() as AnyDb };
}
