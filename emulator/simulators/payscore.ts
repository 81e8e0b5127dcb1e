import type { SimulatorDefinition } from '../types';
import { loadSandboxKeys, SANDBOX_PREFIX, sandboxFunctionEnv } from '../wechat/payscore-keys';
import { payScoreSandboxFor, type PayScoreSandbox } from '../wechat/payscore-sandbox';
import { jsonControl } from './json-control';

/**
 * WeChat Pay Score (engine: wechat/payscore-sandbox.ts). Control routes:
 *   *    /_emulator/wxpay-v3/v3/payscore/...                                 the APIv3 sandbox the payment function calls
 *   POST /_emulator/wxpay/payscore/confirm {extraData of wxpayScoreUse}      the diner confirms in openBusinessView
 *   POST /_emulator/wxpay/payscore/collect {outOrderNo}                      Pay Score deduction → USER_PAID
 *   POST /_emulator/wxpay/payscore/permissions/open {openid, applyPermissionsToken?}
 *                                                                            the diner opens Pay Score (pages/use/enable) → USER_OPEN_SERVICE
 *   POST /_emulator/wxpay/payscore/permissions/close {openid}                the diner closes it → USER_CLOSE_SERVICE
 *   GET  /_emulator/wxpay/payscore/permissions                               the sandbox's authorizations
 *   POST /_emulator/wxpay/payscore/fault {failNextComplete?, notifyDelayMs?, duplicateNotifications?}
 */
export const payScore: SimulatorDefinition<PayScoreSandbox> = {
  name: 'payscore',
  summary: '微信支付分（APIv3 沙箱）：确认模式与智慧零售免确认模式、授权开通/关闭、完结、取消，签名的加密通知，故障注入',
  controlRoutes: [
    {
      prefix: `${SANDBOX_PREFIX}/`,
      summary: '支付分 APIv3（验商户签名，应答带平台签名）',
      handle: ({ req, body }, res, emulator) => payScoreSandboxFor(emulator).handle(req, res, body.toString('utf8')),
    },
    {
      prefix: '/_emulator/wxpay/payscore/',
      summary: '顾客在支付分小程序确认订单、开通/关闭支付分，支付分扣款，故障注入',
      handle: jsonControl('WXPAY_SIMULATOR_ERROR', {
        'POST /_emulator/wxpay/payscore/confirm': (body, emulator) => {
          const result = payScoreSandboxFor(emulator).confirm(body);
          return result.ok ? [200, { outOrderNo: result.outOrderNo, state: result.state }] : [400, { code: result.code, message: result.message }];
        },
        'POST /_emulator/wxpay/payscore/collect': async (body, emulator) => [
          200,
          { notifyStatus: await payScoreSandboxFor(emulator).collect(String(body.outOrderNo ?? '')) },
        ],
        'POST /_emulator/wxpay/payscore/permissions/open': async (body, emulator) => {
          const token = body.applyPermissionsToken ?? body.apply_permissions_token;
          const status = await payScoreSandboxFor(emulator).openService(String(body.openid ?? ''), token ? String(token) : undefined);
          return [200, { state: 'AVAILABLE', notifyStatus: status }];
        },
        'POST /_emulator/wxpay/payscore/permissions/close': async (body, emulator) => [
          200,
          { state: 'UNAVAILABLE', notifyStatus: await payScoreSandboxFor(emulator).closeService(String(body.openid ?? '')) },
        ],
        'GET /_emulator/wxpay/payscore/permissions': (_body, emulator) => [200, { permissions: payScoreSandboxFor(emulator).permissions.list() }],
        'POST /_emulator/wxpay/payscore/fault': (body, emulator) => [200, payScoreSandboxFor(emulator).fault(body as Parameters<PayScoreSandbox['fault']>[0])],
      }),
    },
  ],
  cliVerbs: [
    {
      verb: 'payscore-open',
      argument: '<openid>',
      summary: '顾客开通支付分（智慧零售授权）→ USER_OPEN_SERVICE 通知',
      request: (openid) => (openid ? { method: 'POST', path: '/_emulator/wxpay/payscore/permissions/open', body: { openid } } : undefined),
    },
    {
      verb: 'payscore-close',
      argument: '<openid>',
      summary: '顾客关闭支付分 → USER_CLOSE_SERVICE 通知',
      request: (openid) => (openid ? { method: 'POST', path: '/_emulator/wxpay/payscore/permissions/close', body: { openid } } : undefined),
    },
    {
      verb: 'payscore-collect',
      argument: '<outOrderNo>',
      summary: '支付分扣款（重发 USER_PAID 通知）',
      request: (outOrderNo) => (outOrderNo ? { method: 'POST', path: '/_emulator/wxpay/payscore/collect', body: { outOrderNo } } : undefined),
    },
    {
      verb: 'payscore-fault',
      argument: '<fail-complete|duplicate|delay=ms|clear>',
      summary: '支付分故障：下一次完结失败、下一条通知重复、通知延迟、清除',
      request: (what) => {
        const delayMs = /^delay=(\d+)$/.exec(what ?? '')?.[1];
        const body =
          what === 'fail-complete'
            ? { failNextComplete: { status: 500, code: 'SYSTEM_ERROR' } }
            : what === 'duplicate'
              ? { duplicateNotifications: 1 }
              : delayMs
                ? { notifyDelayMs: Number(delayMs) }
                : what === 'clear'
                  ? { failNextComplete: null, duplicateNotifications: 0, notifyDelayMs: 0 }
                  : undefined;
        return body ? { method: 'POST', path: '/_emulator/wxpay/payscore/fault', body } : undefined;
      },
    },
  ],
  faults: {
    fault: 'the next completion fails (HTTP status + code), notifications are delayed, or the next ones are delivered twice',
  },
  instance: (emulator) => payScoreSandboxFor(emulator),
  functionEnv: (dataDir, emulatorUrl) => sandboxFunctionEnv(loadSandboxKeys(dataDir), emulatorUrl),
};
