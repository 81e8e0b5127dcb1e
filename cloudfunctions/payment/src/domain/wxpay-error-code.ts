/**
 * WeChat Pay v2's business error code (err_code) for a cloudPay reply with result_code FAIL.
 *
 * wx-server-sdk overwrites `errCode` with its own 0 on every cloudPay reply it received
 * (`Object.assign(result, {errCode: 0, errMsg: '…:ok'})`), so WeChat's err_code usually does not
 * survive; err_code_des does. The code is therefore taken from errCode when it is a real one,
 * else recognised from WeChat's documented descriptions, else 'UNKNOWN' — which callers must
 * treat as "outcome not known", never as a definite answer.
 */
const DESCRIPTIONS: readonly [RegExp, string][] = [
  [/退款订单查询失败|退款单号?不存在/, 'REFUNDNOTEXIST'],
  [/订单号不存在|订单不存在/, 'ORDERNOTEXIST'],
  [/已支付/, 'ORDERPAID'],
  [/已关闭/, 'ORDERCLOSED'],
  [/余额不足/, 'NOTENOUGH'],
  [/超过退款期限/, 'TRADE_OVERDUE'],
  [/频率限制/, 'FREQUENCY_LIMITED'],
  [/需要商户触发重试/, 'BIZERR_NEED_RETRY'],
  [/系统超时|系统错误|系统繁忙|接口返回错误/, 'SYSTEMERROR'],
];

export function wxPayErrCode(errCode: unknown, errCodeDes: unknown): string {
  const code = typeof errCode === 'string' ? errCode.trim() : '';
  if (/^[A-Z][A-Z_]+$/.test(code)) return code;
  const description = typeof errCodeDes === 'string' ? errCodeDes : '';
  return DESCRIPTIONS.find(([pattern]) => pattern.test(description))?.[1] ?? 'UNKNOWN';
}
