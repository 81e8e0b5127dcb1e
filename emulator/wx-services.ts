import type { WxServiceHandler } from './server';

/**
 * Local stand-ins for Tencent's `wx.*` services (openapi, cloudPay). Each faithful simulator
 * registers itself here; an action nobody simulates gets a clear "unsupported" reply.
 */
export function defaultWxServices(): Record<string, WxServiceHandler> {
  return {};
}
