import type { ErrorCodeSpec } from '../kit/errors';

/**
 * Codes the Pay Score kernel throws (payment context, 40–59). Re-exported by the payment
 * function's `src/errors.ts` so the generated error table lists them once; the cabinet passes
 * them on unchanged.
 */
export const PayScoreErrors = {
  PAYSCORE_OVER_RISK_AMOUNT: {
    code: 40042,
    message: '完结金额超过支付分风险金额',
    description: '支付分完结金额（会员价）超过创建订单时的风险金额；不调用微信、不做任何变更，超出部分请另行收款',
  },
  PAYSCORE_TOO_MANY_LINES: {
    code: 40044,
    message: '支付分完结的商品行过多',
    description: '微信支付分 post_payments 最多 100 行（每种商品一行）；不调用微信、不做任何变更',
  },
  PAYSCORE_ALREADY_COMPLETED: {
    code: 40947,
    message: '支付分订单已完结，正在扣款',
    description: '店员已完结该支付分订单（或微信侧已完结），不能再更换支付方式或取消；扣款结果稍后到达',
  },
  PAYSCORE_NOT_AUTHORIZED: {
    code: 40948,
    message: '尚未开通微信支付分',
    description: '免确认（智慧零售）模式下顾客须先在支付分小程序授权开通服务（USER_OPEN_SERVICE）；未开通或已关闭时不创建服务订单',
  },
  PAYSCORE_NOT_CONFIRMED: {
    code: 40949,
    message: '支付分订单尚未确认',
    description: '确认模式下顾客还没有在支付分页面确认服务订单（微信侧不是 DOING）；确认后再开门',
  },
  PAYMENT_SUPERSEDED: {
    code: 40946,
    message: '支付单已关闭，请重新发起支付',
    description: '向微信下单期间该支付单已被关闭（换了支付方式、超时关单或开门已取消）；刚创建的微信订单已随即关闭，不会扣款',
  },
  PAYMENT_NOT_CONFIGURED: { code: 50040, message: '支付参数未配置', description: '缺少商户号、密钥等环境变量（WXPAY_*），请在云函数配置中设置' },
  PAYSCORE_REQUEST_FAILED: { code: 50241, message: '微信支付分请求失败', description: 'APIv3 支付分接口返回失败或应答验签失败' },
} as const satisfies Record<string, ErrorCodeSpec>;
