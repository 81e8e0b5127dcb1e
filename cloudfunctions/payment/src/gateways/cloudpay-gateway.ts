import { randomBytes } from 'node:crypto';
import { getCloud } from '../../../shared/kit/cloud';
import { AppError } from '../../../shared/kit/errors';
import { cloudPayConfig } from '../config';
import { Errors } from '../errors';
import { isDefiniteRefundRejection } from '../domain/refund-plan';
import { wxPayErrCode } from '../domain/wxpay-error-code';

/**
 * WeChat Pay through `cloud.cloudPay` (no merchant keys in the function: CloudBase signs).
 * Field names are WeChat's in camelCase; the SDK turns them into snake_case on the wire.
 */
type CloudPayReply = Record<string, unknown> & { returnCode?: string; resultCode?: string; errCode?: string | number; errCodeDes?: string; returnMsg?: string };

interface CloudPayApi {
  unifiedOrder(params: Record<string, unknown>): Promise<CloudPayReply>;
  queryOrder(params: Record<string, unknown>): Promise<CloudPayReply>;
  closeOrder(params: Record<string, unknown>): Promise<CloudPayReply>;
  refund(params: Record<string, unknown>): Promise<CloudPayReply>;
  queryRefund(params: Record<string, unknown>): Promise<CloudPayReply>;
}

function api(): CloudPayApi {
  return (getCloud() as unknown as { cloudPay: CloudPayApi }).cloudPay;
}

const nonce = () => randomBytes(16).toString('hex');

function envId(): string {
  return process.env.TCB_ENV || process.env.SCF_NAMESPACE || '';
}

/** A business failure (result_code FAIL) keeps WeChat's err_code so callers can react to it. */
export class WxPayBusinessError extends Error {
  constructor(
    readonly errCode: string,
    readonly errCodeDes: string,
  ) {
    super(`${errCode}: ${errCodeDes}`);
    this.name = 'WxPayBusinessError';
  }
}

async function call(name: keyof CloudPayApi, params: Record<string, unknown>): Promise<CloudPayReply> {
  let reply: CloudPayReply;
  try {
    reply = await api()[name](params);
  } catch (error) {
    throw new AppError(Errors.WXPAY_REQUEST_FAILED, {
      message: `微信支付请求失败 (${name})`,
      details: { upstream: String((error as { errMsg?: string })?.errMsg ?? (error as Error)?.message ?? error).slice(0, 200) },
    });
  }
  if (reply.returnCode !== 'SUCCESS') throw new AppError(Errors.WXPAY_REQUEST_FAILED, { message: `微信支付通信失败: ${reply.returnMsg ?? ''}` });
  if (reply.resultCode !== 'SUCCESS') throw new WxPayBusinessError(wxPayErrCode(reply.errCode, reply.errCodeDes), String(reply.errCodeDes ?? ''));
  return reply;
}

export interface UnifiedOrderInput {
  outTradeNo: string;
  body: string;
  totalFee: number;
  clientIp?: string;
}

/** Returns the object the mini-program hands to wx.requestPayment. */
export async function unifiedOrder(input: UnifiedOrderInput): Promise<Record<string, string>> {
  const config = cloudPayConfig();
  try {
    const reply = await call('unifiedOrder', {
      body: input.body.slice(0, 127),
      outTradeNo: input.outTradeNo,
      spbillCreateIp: input.clientIp || '127.0.0.1',
      subMchId: config.WXPAY_SUB_MCH_ID,
      totalFee: input.totalFee,
      envId: envId(),
      functionName: config.PAYMENT_CALLBACK_FUNCTION,
      nonceStr: nonce(),
      tradeType: 'JSAPI',
    });
    return reply.payment as Record<string, string>;
  } catch (error) {
    if (error instanceof WxPayBusinessError)
      throw new AppError(Errors.WXPAY_REQUEST_FAILED, {
        message: `微信支付下单失败: ${error.errCodeDes || error.errCode}`,
        details: { errCode: error.errCode },
      });
    throw error;
  }
}

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR' | 'NOTEXIST';

export async function queryOrder(outTradeNo: string): Promise<{ tradeState: TradeState; transactionId?: string; totalFee?: number; timeEnd?: string }> {
  const config = cloudPayConfig();
  try {
    const reply = await call('queryOrder', { subMchId: config.WXPAY_SUB_MCH_ID, nonceStr: nonce(), outTradeNo });
    return {
      tradeState: String(reply.tradeState) as TradeState,
      transactionId: reply.transactionId as string | undefined,
      totalFee: reply.totalFee === undefined ? undefined : Number(reply.totalFee),
      timeEnd: reply.timeEnd as string | undefined,
    };
  } catch (error) {
    if (error instanceof WxPayBusinessError && error.errCode === 'ORDERNOTEXIST') return { tradeState: 'NOTEXIST' };
    throw error;
  }
}

/**
 * Closes an unpaid order: 'closed' (now or before), 'paid' when WeChat says it was paid meanwhile
 * (settle instead), 'not_found' when WeChat has no order under this number. 'not_found' is NOT
 * "closed": a unifiedOrder for this number may still be on its way (see domain/gateway-call.ts).
 */
export async function closeOrder(outTradeNo: string): Promise<'closed' | 'paid' | 'not_found'> {
  const config = cloudPayConfig();
  try {
    await call('closeOrder', { subMchId: config.WXPAY_SUB_MCH_ID, nonceStr: nonce(), outTradeNo });
    return 'closed';
  } catch (error) {
    if (error instanceof WxPayBusinessError) {
      if (error.errCode === 'ORDERPAID') return 'paid';
      if (error.errCode === 'ORDERCLOSED') return 'closed';
      if (error.errCode === 'ORDERNOTEXIST') return 'not_found';
    }
    throw error;
  }
}

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
  reason: string;
}

/**
 * How a refund request ended, as far as we can know:
 * - accepted: WeChat took it (the result arrives later as a refund notification);
 * - rejected: a definite business refusal — no refund exists under this out_refund_no;
 * - uncertain: a timeout, transport failure or an error WeChat says to retry with the SAME
 *   out_refund_no — the refund may well exist, so it must stay open and be asked about.
 */
export type RefundRequestOutcome =
  { kind: 'accepted'; refundId?: string } | { kind: 'rejected'; errCode: string; errCodeDes: string } | { kind: 'uncertain'; reason: string };

/** Asks WeChat to refund; never throws for WeChat's answer (see RefundRequestOutcome). */
export async function requestRefund(input: RefundRequest): Promise<RefundRequestOutcome> {
  const config = cloudPayConfig();
  try {
    const reply = await call('refund', {
      subMchId: config.WXPAY_SUB_MCH_ID,
      nonceStr: nonce(),
      outTradeNo: input.outTradeNo,
      outRefundNo: input.outRefundNo,
      totalFee: input.totalFee,
      refundFee: input.refundFee,
      refundDesc: input.reason.slice(0, 80),
      envId: envId(),
      functionName: config.PAYMENT_CALLBACK_FUNCTION,
    });
    return { kind: 'accepted', refundId: reply.refundId as string | undefined };
  } catch (error) {
    if (error instanceof WxPayBusinessError && isDefiniteRefundRejection(error.errCode)) {
      return { kind: 'rejected', errCode: error.errCode, errCodeDes: error.errCodeDes };
    }
    const upstream = (error as AppError).details?.upstream;
    return { kind: 'uncertain', reason: String(upstream ?? (error as Error).message).slice(0, 200) };
  }
}

export type RefundState = 'SUCCESS' | 'PROCESSING' | 'CHANGE' | 'REFUNDCLOSE' | 'NOTEXIST';

/** The state of one refund (out_refund_no), for refunds whose notification never came. */
export async function queryRefund(outRefundNo: string): Promise<{ state: RefundState; refundFee?: number; refundId?: string }> {
  const config = cloudPayConfig();
  try {
    const reply = await call('queryRefund', { subMchId: config.WXPAY_SUB_MCH_ID, nonceStr: nonce(), outRefundNo });
    // WeChat numbers the refunds' fields (refund_status_0 …); the SDK's camel-casing of the suffix varies.
    const field = (name: string) => reply[`${name}0`] ?? reply[`${name}_0`];
    const fee = field('refundFee');
    return {
      state: String(field('refundStatus') ?? 'PROCESSING') as RefundState,
      refundFee: fee === undefined ? undefined : Number(fee),
      refundId: field('refundId') as string | undefined,
    };
  } catch (error) {
    if (error instanceof WxPayBusinessError && error.errCode === 'REFUNDNOTEXIST') return { state: 'NOTEXIST' };
    throw error;
  }
}
