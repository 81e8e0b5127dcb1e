import { randomBytes } from 'node:crypto';

/**
 * WeChat Pay v2 as cloudPay speaks it: the simulator's merchant orders, the reply fields every
 * answer carries (ok / fail), and the callback events. Kept apart from the simulator's behaviour
 * (cloudpay-simulator.ts) so that file reads as what WeChat does, this one as what it says.
 */

export const SIM_MCH_ID = '1900000100';
export const SIM_APP_ID = 'wx0000000000local';

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR';

export interface SimRefund {
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  status: 'PROCESSING' | 'SUCCESS' | 'CHANGE';
  functionName: string;
  envId: string;
  notified: boolean;
  createdAt: string;
  successTime?: string;
}

export interface SimOrder {
  outTradeNo: string;
  body: string;
  totalFee: number;
  subMchId: string;
  functionName: string;
  envId: string;
  openid: string;
  tradeState: TradeState;
  prepayId: string;
  transactionId?: string;
  timeEnd?: string;
  /** what WeChat charged and reports (notification and queryOrder alike); totalFee unless a test says otherwise */
  chargedFee?: number;
  refunds: SimRefund[];
  createdAt: string;
}

export function ok(subMchId: string) {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: SIM_APP_ID,
    mch_id: SIM_MCH_ID,
    sub_appid: SIM_APP_ID,
    sub_mch_id: subMchId,
    nonce_str: randomBytes(16).toString('hex'),
    sign: randomBytes(16).toString('hex').toUpperCase(),
    result_code: 'SUCCESS',
  };
}

export function fail(errCode: string, errCodeDes: string) {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: SIM_APP_ID,
    mch_id: SIM_MCH_ID,
    nonce_str: randomBytes(16).toString('hex'),
    result_code: 'FAIL',
    err_code: errCode,
    err_code_des: errCodeDes,
  };
}

export function chargedFeeOf(order: SimOrder): number {
  return order.chargedFee ?? order.totalFee;
}

export function beijingTimeEnd(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

export function shanghaiTime(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The pay notification cloudPay delivers to the callback function (camelCase v2 fields). */
export function payEvent(order: SimOrder): Record<string, unknown> {
  const fee = chargedFeeOf(order);
  return {
    appid: SIM_APP_ID,
    bankType: 'OTHERS',
    cashFee: fee,
    feeType: 'CNY',
    isSubscribe: 'N',
    mchId: SIM_MCH_ID,
    nonceStr: randomBytes(16).toString('hex'),
    openid: order.openid,
    outTradeNo: order.outTradeNo,
    resultCode: 'SUCCESS',
    returnCode: 'SUCCESS',
    subAppid: SIM_APP_ID,
    subIsSubscribe: 'N',
    subMchId: order.subMchId,
    subOpenid: order.openid,
    timeEnd: order.timeEnd,
    totalFee: fee,
    tradeType: 'JSAPI',
    transactionId: order.transactionId,
    userInfo: { appId: SIM_APP_ID, openId: order.openid },
  };
}

/** The refund notification, its reqInfo already decrypted as cloudPay hands it to the function. */
export function refundEvent(order: SimOrder, refund: SimRefund): Record<string, unknown> {
  return {
    appid: SIM_APP_ID,
    mchId: SIM_MCH_ID,
    subAppid: SIM_APP_ID,
    subMchId: order.subMchId,
    nonceStr: randomBytes(16).toString('hex'),
    returnCode: 'SUCCESS',
    reqInfo: {
      transactionId: order.transactionId,
      outTradeNo: order.outTradeNo,
      refundId: refund.refundId,
      outRefundNo: refund.outRefundNo,
      totalFee: order.totalFee,
      settlementTotalFee: order.totalFee,
      refundFee: refund.refundFee,
      settlementRefundFee: refund.refundFee,
      refundStatus: refund.status,
      successTime: refund.successTime,
      refundRecvAccout: '支付用户零钱',
      refundAccount: 'REFUND_SOURCE_RECHARGE_FUNDS',
      refundRequestSource: 'API',
    },
  };
}
