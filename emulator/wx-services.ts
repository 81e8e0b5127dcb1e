import type { WxServiceHandler } from './server';
import { wxPayApiHandler } from './wechat/cloudpay-simulator';
import { openApiHandler } from './wechat/openapi-simulator';

/**
 * Local stand-ins for Tencent's `wx.*` services (openapi, cloudPay). Each faithful simulator
 * registers itself here; an action nobody simulates gets a clear "unsupported" reply.
 */
export function defaultWxServices(): Record<string, WxServiceHandler> {
  return {
    'wx.wxPayApi': wxPayApiHandler,
    'wx.openApi': openApiHandler,
  };
}
