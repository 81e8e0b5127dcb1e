import type { ErrorCodeSpec } from '../../shared/kit/errors';
import { PayScoreErrors } from '../../shared/payscore/errors';

/** Payment context codes (last two digits 40–59). */
export const Errors = {
  // Pay Score codes are the kernel's (shared/payscore), which the cabinet calls too.
  ...PayScoreErrors,
  REFUND_AMOUNT_INVALID: { code: 40040, message: '退款金额无效', description: '退款金额须为正整数分，且不超过剩余可退金额' },
  METHOD_NOT_AVAILABLE: { code: 40041, message: '该支付方式不可用', description: '订单来源或当前配置不支持所选支付方式（如未配置支付分）' },
  PAYSCORE_BELOW_FLOOR: {
    code: 40043,
    message: '完结金额低于下限',
    description:
      '支付分完结的商品合计低于订单金额的一半（见 docs/payments.md「完结」）；不调用微信、不做任何变更。确需少收时请取消支付分订单并以其他方式结算，或先更正订单',
  },
  NOTIFICATION_REJECTED: { code: 40140, message: '通知验签失败', description: '微信支付 APIv3 通知的签名、证书序列号、时间戳或密文校验失败；不做任何变更' },
  OWN_PAYMENT_FORBIDDEN: {
    code: 40341,
    message: '不能处理自己的支付',
    description: '员工不能为自己（支付单的 openid 与操作人相同）确认收款、退款、登记退款、退还异常款项或完结支付分，请由其他员工处理',
  },
  ORDER_NOT_FOUND: { code: 40440, message: '订单不存在', description: '按 orderId 找不到订单，或订单不属于调用者（不区分两者，防止探测他人订单）' },
  PAYMENT_NOT_FOUND: { code: 40441, message: '支付单不存在', description: '按 paymentId 找不到支付单，或支付单不属于调用者 / 不在员工的门店范围内' },
  ORDER_NOT_PAYABLE: { code: 40940, message: '订单当前不可支付', description: '订单已支付、已关闭或金额为 0' },
  PAYMENT_STATE_CONFLICT: { code: 40941, message: '支付单状态不允许此操作', description: '状态机拒绝该转换（如对未支付的单退款、重复确认收款）' },
  REFUND_IN_PROGRESS: { code: 40942, message: '已有退款在处理中', description: '同一支付单一次只处理一笔退款，请稍后再试' },
  REFUND_LIMIT_REACHED: { code: 40943, message: '退款次数已达上限', description: '微信支付每笔订单最多 50 次部分退款' },
  REFUND_REQUEST_REUSED: {
    code: 40944,
    message: '退款请求号已用于另一笔退款',
    description: '同一 requestId 再次提交但退款金额不同；重试同一笔退款时请原样提交',
  },
  PAYMENT_BEING_CREATED: {
    code: 40945,
    message: '支付正在创建中，请稍后再试',
    description: '另一个请求正在向微信创建这笔支付（如在另一页面同时发起支付）；此时微信的“订单不存在”不可信，为免重复扣款暂不更换支付方式，稍后重试即可',
  },
  WXPAY_REQUEST_FAILED: { code: 50240, message: '微信支付请求失败', description: 'cloudPay 统一下单/查询/关单/退款返回失败' },
  WXPAY_REFUND_REJECTED: {
    code: 50242,
    message: '微信支付拒绝退款',
    description:
      'cloudPay 退款返回明确的业务拒绝（如商户余额不足、超过退款期限）；该退款已记为失败，可重新发起。超时/系统错误不会返回此码：退款保持处理中，由对账核实',
  },
} as const satisfies Record<string, ErrorCodeSpec>;
