import { createHash } from 'node:crypto';
import { digestPayload } from '../../../../shared/integration/exchange-log';
import { sendHttp } from '../../../../shared/integration/http-sender';
import type { CloudPrinterAdapter, PrintRequest, PrintResult } from './port';

/**
 * 飞鹅云 Feie (api.feieyun.cn): `POST /Api/Open/` form-encoded with `user`, `stime` (unix
 * seconds), `sig = SHA1(user + UKEY + stime)` (lowercase hex), `apiname=Open_printMsg`, `sn`,
 * `content` (Feie markup) and `times` (copies). The reply is JSON `{ ret, msg, data }`:
 * `ret: 0` printed (queued at the printer), `data` = Feie's order id; anything else failed.
 * The endpoint comes from configuration (`FEIE_API_URL`; the emulator points it at its printer
 * simulator) and every call goes through the shared outbound guard (https only, no private
 * addresses unless allow-listed).
 */
export const FEIE_DEFAULT_URL = 'https://api.feieyun.cn/Api/Open/';
export const FEIE_API_URL_ENV = 'FEIE_API_URL';

export function feieSignature(user: string, ukey: string, stime: string): string {
  return createHash('sha1').update(`${user}${ukey}${stime}`, 'utf8').digest('hex');
}

export function feieForm(request: Pick<PrintRequest, 'sn' | 'content' | 'copies' | 'account'>, now: Date = new Date()): string {
  const stime = String(Math.floor(now.getTime() / 1000));
  return new URLSearchParams({
    user: request.account.user,
    stime,
    sig: feieSignature(request.account.user, request.account.key, stime),
    apiname: 'Open_printMsg',
    sn: request.sn,
    content: request.content,
    times: String(request.copies),
  }).toString();
}

/** Feie's error messages that mean the account or printer is wrong: retrying only repeats them. */
const PERMANENT = /签名|sig|user|UKEY|参数|不存在|未添加|not exist/i;

export const feieAdapter: CloudPrinterAdapter = {
  vendor: 'feie',
  async print(request): Promise<PrintResult> {
    const body = feieForm(request);
    const digest = digestPayload(body);
    const sent = await sendHttp({
      method: 'POST',
      url: process.env[FEIE_API_URL_ENV] || FEIE_DEFAULT_URL,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      timeoutMs: request.timeoutMs,
    });
    if (!sent.ok) return { ok: false, status: sent.status, error: sent.error ?? `HTTP ${sent.status}`, durationMs: sent.durationMs, digest };
    let reply: { ret?: unknown; msg?: unknown; data?: unknown };
    try {
      reply = JSON.parse(sent.text) as typeof reply;
    } catch {
      return { ok: false, status: sent.status, error: '飞鹅返回内容无法解析', durationMs: sent.durationMs, digest };
    }
    if (reply.ret === 0) {
      return { ok: true, status: sent.status, vendorOrderId: typeof reply.data === 'string' ? reply.data : undefined, durationMs: sent.durationMs, digest };
    }
    const message = typeof reply.msg === 'string' ? reply.msg.slice(0, 120) : '未知错误';
    return {
      ok: false,
      status: sent.status,
      error: `飞鹅：${message}（ret ${String(reply.ret)}）`,
      permanent: PERMANENT.test(message),
      durationMs: sent.durationMs,
      digest,
    };
  },
};
