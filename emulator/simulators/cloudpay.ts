import type { SimulatorDefinition, WxServiceHandler } from '../types';
import { cloudPaySimulatorFor, type CloudPaySimulator } from '../wechat/cloudpay-simulator';
import { SIM_MCH_ID } from '../wechat/cloudpay-wire';
import { jsonControl } from './json-control';

/** `requestData` arrives as the JSON bytes the SDK sent (a Buffer, its JSON form, or a string). */
function decodeRequestData(raw: unknown): Record<string, unknown> {
  if (raw && typeof raw === 'object' && !Buffer.isBuffer(raw)) {
    const typed = raw as { type?: string; data?: number[] };
    if (typed.type === 'Buffer' && Array.isArray(typed.data)) return JSON.parse(Buffer.from(typed.data).toString('utf8')) as Record<string, unknown>;
    return raw as Record<string, unknown>;
  }
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw ?? '');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** `cloud.cloudPay.*` as the SDK sends it: the `wx.wxPayApi` admin action. */
export const wxPayApiHandler: WxServiceHandler = async (body, identity, emulator) => {
  const api = String(body.apiName ?? '');
  let data: Record<string, unknown>;
  try {
    data = decodeRequestData(body.requestData);
  } catch {
    return { return_code: 'FAIL', return_msg: 'requestData 不是合法的 JSON' };
  }
  return cloudPaySimulatorFor(emulator).handleAsync(api, data, identity);
};

/**
 * WeChat Pay through cloudPay (engine: wechat/cloudpay-simulator.ts). Control routes stand in
 * for the diner's phone and for Tencent:
 *   POST /_emulator/wxpay/pay        {outTradeNo, duplicates?, reportedFee?, notify?}  the diner pays → pay callback
 *   POST /_emulator/wxpay/pay-error  {outTradeNo}                                     the payment fails
 *   POST /_emulator/wxpay/refund     {outRefundNo?, status?}                          finish refunds → refund callback
 *   GET  /_emulator/wxpay/orders                                                      the simulator's merchant orders
 */
export const cloudPay: SimulatorDefinition<CloudPaySimulator> = {
  name: 'wxpay',
  summary: '微信支付（云调用 cloudPay）：下单、查单、关单、退款，支付与退款回调',
  adminActions: { 'wx.wxPayApi': wxPayApiHandler },
  controlRoutes: [
    {
      prefix: '/_emulator/wxpay/',
      summary: '顾客付款、支付失败、完成退款、查看商户订单',
      handle: jsonControl('WXPAY_SIMULATOR_ERROR', {
        'GET /_emulator/wxpay/orders': (_body, emulator) => [200, { orders: cloudPaySimulatorFor(emulator).list() }],
        'POST /_emulator/wxpay/pay': async (body, emulator) => {
          const result = await cloudPaySimulatorFor(emulator).pay(String(body.outTradeNo ?? ''), {
            duplicates: body.duplicates as number | undefined,
            reportedFee: body.reportedFee as number | undefined,
            notify: body.notify as boolean | undefined,
          });
          return [200, { tradeState: result.order.tradeState, transactionId: result.order.transactionId, deliveries: result.deliveries }];
        },
        'POST /_emulator/wxpay/pay-error': (body, emulator) => [
          200,
          { tradeState: cloudPaySimulatorFor(emulator).payError(String(body.outTradeNo ?? '')).tradeState },
        ],
        'POST /_emulator/wxpay/refund': async (body, emulator) => {
          const status = body.status === 'CHANGE' ? 'CHANGE' : 'SUCCESS';
          const refunds = await cloudPaySimulatorFor(emulator).completeRefund(body.outRefundNo ? String(body.outRefundNo) : undefined, status);
          return [200, { refunds }];
        },
      }),
    },
  ],
  cliVerbs: [
    {
      verb: 'pay',
      argument: '<outTradeNo>',
      summary: '顾客支付一笔微信支付订单（模拟器 → 支付回调）',
      request: (outTradeNo) => (outTradeNo ? { method: 'POST', path: '/_emulator/wxpay/pay', body: { outTradeNo } } : undefined),
    },
    {
      verb: 'refund',
      argument: '[outRefundNo]',
      summary: '微信完成待处理的退款（模拟器 → 退款回调）',
      request: (outRefundNo) => ({ method: 'POST', path: '/_emulator/wxpay/refund', body: outRefundNo ? { outRefundNo } : {} }),
    },
  ],
  instance: (emulator) => cloudPaySimulatorFor(emulator),
  faults: {
    failNext: 'the next call of an API answers a WeChat error (optionally after applying it, or with the reply lost)',
    delayNext: 'the next call of an API reaches WeChat late, or its reply reaches the caller late',
  },
  functionEnv: () => ({ WXPAY_SUB_MCH_ID: SIM_MCH_ID }),
};
