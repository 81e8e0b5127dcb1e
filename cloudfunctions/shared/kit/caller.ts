import { getCloud } from './cloud';

/** Who is calling, as CloudBase tells the function (absent for HTTP access and timers). */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /**
   * What triggered this run (CloudBase SOURCE), as a chain: `wx_client`, `wx_http`, `wx_trigger`
   * (timer), `wx_paycallback` (WeChat Pay), and `…,scf` when a function called this one.
   */
  source?: string;
}

/** Platform triggers, exactly as CloudBase names them in SOURCE. */
export const PlatformSources = {
  TIMER: 'wx_trigger',
  PAY_CALLBACK: 'wx_paycallback',
} as const;

export type PlatformSource = (typeof PlatformSources)[keyof typeof PlatformSources];

const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug'];

/** A run started (directly or through other functions) by a mini-program user. */
export function isClientCall(caller: Caller): boolean {
  if (!caller.source) return Boolean(caller.openid);
  return caller.source.split(',').some((hop) => CLIENT_SOURCES.includes(hop));
}

/** True only when the platform itself started this run (not a user, not another function). */
export function isTriggeredBy(caller: Caller, source: PlatformSource): boolean {
  return caller.source === source;
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
