import type { ErrorCodeSpec } from '../../shared/kit/errors';

/** Payment context codes (last two digits 40–59). */
export const Errors = {
  REFUND_AMOUNT_INVALID: { code: 40040, message: '退款金额无效', description: '退款金额须为正整数分，且不超过剩余可退金额' },
  METHOD_NOT_AVAILABLE: { code: 40041, message: '该支付方式不可用', description: '订单来源或当前配置不支持所选支付方式（如未配置支付分）' },
  PAYSCORE_OVER_RISK_AMOUNT: {
    code: 40042,
    message: '完结金额超过支付分风险金额',
    description: '支付分完结金额（会员价）超过创建订单时的风险金额；不调用微信、不做任何变更，超出部分请另行收款',
  },
  NOTIFICATION_REJECTED: { code: 40140, message: '通知验签失败', description: '微信支付 APIv3 通知的签名、证书序列号、时间戳或密文校验失败；不做任何变更' },
  NOT_ORDER_OWNER: { code: 40340, message: '不能支付他人的订单', description: '订单的 openid 与调用者不一致' },
  ORDER_NOT_FOUND: { code: 40440, message: '订单不存在', description: '按 orderId 找不到订单' },
  PAYMENT_NOT_FOUND: { code: 40441, message: '支付单不存在', description: '按 paymentId 找不到支付单' },
  ORDER_NOT_PAYABLE: { code: 40940, message: '订单当前不可支付', description: '订单已支付、已关闭或金额为 0' },
  PAYMENT_STATE_CONFLICT: { code: 40941, message: '支付单状态不允许此操作', description: '状态机拒绝该转换（如对未支付的单退款、重复确认收款）' },
  REFUND_IN_PROGRESS: { code: 40942, message: '已有退款在处理中', description: '同一支付单一次只处理一笔退款，请稍后再试' },
  REFUND_LIMIT_REACHED: { code: 40943, message: '退款次数已达上限', description: '微信支付每笔订单最多 50 次部分退款' },
  REFUND_REQUEST_REUSED: {
    code: 40944,
    message: '退款请求号已用于另一笔退款',
    description: '同一 requestId 再次提交但退款金额不同；重试同一笔退款时请原样提交',
  },
  PAYMENT_NOT_CONFIGURED: { code: 50040, message: '支付参数未配置', description: '缺少商户号、密钥等环境变量（WXPAY_*），请在云函数配置中设置' },
  WXPAY_REQUEST_FAILED: { code: 50240, message: '微信支付请求失败', description: 'cloudPay 统一下单/查询/关单/退款返回失败' },
  PAYSCORE_REQUEST_FAILED: { code: 50241, message: '微信支付分请求失败', description: 'APIv3 支付分接口返回失败或应答验签失败' },
  WXPAY_REFUND_REJECTED: {
    code: 50242,
    message: '微信支付拒绝退款',
    description:
      'cloudPay 退款返回明确的业务拒绝（如商户余额不足、超过退款期限）；该退款已记为失败，可重新发起。超时/系统错误不会返回此码：退款保持处理中，由对账核实',
  },
} as const satisfies Record<string, ErrorCodeSpec>;
