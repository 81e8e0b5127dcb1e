import type { SimulatorDefinition } from '../types';
import { loadSandboxKeys, SANDBOX_PREFIX, sandboxFunctionEnv } from '../wechat/payscore-keys';
import { payScoreSandboxFor, type PayScoreSandbox } from '../wechat/payscore-sandbox';
import { jsonControl } from './json-control';

/**
 * WeChat Pay Score (engine: wechat/payscore-sandbox.ts). Control routes:
 *   *    /_emulator/wxpay-v3/v3/payscore/...                                 the APIv3 sandbox the payment function calls
 *   POST /_emulator/wxpay/payscore/confirm {extraData of wxpayScoreUse}      the diner confirms in openBusinessView
 *   POST /_emulator/wxpay/payscore/collect {outOrderNo}                      Pay Score deduction → USER_PAID
 */
export const payScore: SimulatorDefinition<PayScoreSandbox> = {
  name: 'payscore',
  summary: '微信支付分（APIv3 沙箱）：创建、完结、取消服务订单，签名的加密通知',
  controlRoutes: [
    {
      prefix: `${SANDBOX_PREFIX}/`,
      summary: '支付分 APIv3（验商户签名，应答带平台签名）',
      handle: ({ req, body }, res, emulator) => payScoreSandboxFor(emulator).handle(req, res, body.toString('utf8')),
    },
    {
      prefix: '/_emulator/wxpay/payscore/',
      summary: '顾客在支付分小程序确认订单、支付分扣款',
      handle: jsonControl('WXPAY_SIMULATOR_ERROR', {
        'POST /_emulator/wxpay/payscore/confirm': (body, emulator) => {
          const result = payScoreSandboxFor(emulator).confirm(body);
          return result.ok ? [200, { outOrderNo: result.outOrderNo, state: result.state }] : [400, { code: result.code, message: result.message }];
        },
        'POST /_emulator/wxpay/payscore/collect': async (body, emulator) => [
          200,
          { notifyStatus: await payScoreSandboxFor(emulator).collect(String(body.outOrderNo ?? '')) },
        ],
      }),
    },
  ],
  instance: (emulator) => payScoreSandboxFor(emulator),
  functionEnv: (dataDir, emulatorUrl) => sandboxFunctionEnv(loadSandboxKeys(dataDir), emulatorUrl),
};
