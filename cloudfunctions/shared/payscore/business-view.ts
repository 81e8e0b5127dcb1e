import { createHmac } from 'node:crypto';
import type { PayScoreExtraData } from '../../../typings/api/payment-views';

/**
 * What the mini-program hands to `wx.openBusinessView({businessType: 'wxpayScoreUse', extraData})`
 * so the diner can confirm a Pay Score service order (确认订单). Pure: key, clock and nonce come in.
 */
export const PAYSCORE_USE_BUSINESS_TYPE = 'wxpayScoreUse';

/** The contract's type: what the payment reply carries to the mini-program untouched. */
export type PayScoreUseExtraData = PayScoreExtraData;

/**
 * WeChat Pay's key=value signature (the v2 rule, which this mini-program call still uses): the
 * non-empty fields except `sign`, sorted by name (ASCII), joined as `k1=v1&k2=v2`, then
 * `&key=<key>` appended; HMAC-SHA256 keyed with that same key, upper-case hex.
 * The key is the merchant's APIv2 key — WeChat's troubleshooting guide for this call names the
 * APIv3 key as the usual cause of 「商户签名校验失败」.
 */
export function wxPayHmacSign(fields: Record<string, string>, key: string): string {
  const message = Object.keys(fields)
    .filter((name) => name !== 'sign' && fields[name] !== undefined && fields[name] !== '')
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
  return createHmac('sha256', key).update(`${message}&key=${key}`, 'utf8').digest('hex').toUpperCase();
}

export function payScoreUseExtraData(input: { mchId: string; package: string; timestamp: string; nonceStr: string }, apiV2Key: string): PayScoreUseExtraData {
  const fields = { mch_id: input.mchId, package: input.package, timestamp: input.timestamp, nonce_str: input.nonceStr, sign_type: 'HMAC-SHA256' as const };
  return { ...fields, sign: wxPayHmacSign(fields, apiV2Key) };
}
