import { getCloud } from './cloud';

/** Who is calling, as CloudBase tells the function (absent for HTTP access and timers). */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** how the function was triggered (CloudBase SOURCE: wx_client, wx_devtools, wx_http, timers, WeChat Pay …) */
  source?: string;
}

const CLIENT_SOURCES = ['wx_client', 'wx_devtools'];

/** A call made by a mini-program user (as opposed to a timer, WeChat Pay, or HTTP access). */
export function isClientCall(caller: Caller): boolean {
  return caller.source ? CLIENT_SOURCES.includes(caller.source) : Boolean(caller.openid);
}

export function currentCaller(): Caller {
  const context = getCloud().getWXContext() as Record<string, string | undefined>;
  return {
    openid: context.OPENID || undefined,
    appid: context.APPID || undefined,
    unionid: context.UNIONID || undefined,
    clientIp: context.CLIENTIP || undefined,
    source: context.SOURCE || undefined,
  };
}
