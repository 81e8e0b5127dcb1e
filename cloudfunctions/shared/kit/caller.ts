import { getCloud } from './cloud';

/** Who is calling, as CloudBase tells the function (absent for HTTP access and timers). */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
}

export function currentCaller(): Caller {
  const context = getCloud().getWXContext() as Record<string, string | undefined>;
  return {
    openid: context.OPENID || undefined,
    appid: context.APPID || undefined,
    unionid: context.UNIONID || undefined,
    clientIp: context.CLIENTIP || undefined,
  };
}
