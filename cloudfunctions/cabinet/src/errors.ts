import type { ErrorCodeSpec } from '../../shared/kit/errors';

/**
 * cabinet error codes (last two digits 90–94 inside each class; the class decides the HTTP
 * status). The vendor's signed routes have one code per refusal cause so the vendor can tell a
 * clock problem from a wrong secret; the diner's refusals say what to do next.
 */
export const Errors = {
  DEVICE_UNAVAILABLE: { code: 40090, message: '设备暂不可用', description: '设备未绑定门店、离线、维护中或门店已停业；details.availability 说明原因' },
  PHONE_REQUIRED: { code: 40091, message: '请先绑定手机号', description: '开门前必须绑定手机号（种子：订单记录用户手机号）' },
  TICKETS_INSUFFICIENT: { code: 40092, message: '礼票余额不足', description: '礼票余额低于门店设置的最低开门余额' },
  PAYSCORE_NOT_AUTHORIZED: { code: 40093, message: '请先开通微信支付分', description: '选择支付分开门，但顾客尚未授权（或已解除授权）智慧零售支付分' },
  SESSION_NOT_CONFIRMABLE: { code: 40094, message: '该开门会话无需确认或已结束', description: 'confirmOpen / cancelOpen 只用于等待确认的会话' },
  AUTH_HEADERS_MISSING: {
    code: 40190,
    message: '缺少签名请求头',
    description: '厂商推送缺少或格式错误：X-API-Key、X-Timestamp（unix 秒）、X-Nonce（16–64 位）、X-Signature（64 位小写十六进制）',
  },
  UNKNOWN_API_KEY: { code: 40191, message: 'API Key 不存在', description: 'X-API-Key 不是任何智能柜厂商的密钥编号' },
  VENDOR_DISABLED: { code: 40192, message: '厂商接入已停用', description: '该厂商的接入配置已停用' },
  TIMESTAMP_OUT_OF_WINDOW: { code: 40193, message: '请求时间戳超出允许范围', description: '服务器时间与 X-Timestamp 相差超过 300 秒，请校准时钟' },
  SIGNATURE_INVALID: {
    code: 40194,
    message: '签名验证失败',
    description: 'X-Signature 与按平台规则计算的 HMAC-SHA256 不一致（密钥、路径、请求体或拼接方式错误）',
  },
  IP_NOT_ALLOWED: { code: 40390, message: 'IP 不在白名单内', description: '厂商接入设置了 IP 白名单，请求来源 IP 不在其中' },
  DEVICE_NOT_FOUND: { code: 40490, message: '设备不存在', description: '设备号未登记，或不在员工的门店范围内' },
  SESSION_NOT_FOUND: { code: 40491, message: '开门会话不存在', description: '会话不存在或不属于当前用户' },
  ORDER_NOT_FOUND: { code: 40492, message: '智能柜订单不存在', description: '订单不存在、不是智能柜订单，或不在员工的门店范围内' },
  TASK_NOT_FOUND: { code: 40493, message: '人工处理任务不存在', description: '任务不存在或不在员工的门店范围内' },
  STORE_NOT_FOUND: { code: 40494, message: '门店不存在', description: '门店不存在或已停业' },
  NONCE_REPLAYED: { code: 40990, message: '请求重放', description: '该厂商的 X-Nonce 在 300 秒窗口内已被使用过' },
  DEVICE_BUSY: { code: 40991, message: '柜子正在被使用，请稍候', description: '该设备已有未结束的开门会话（一台设备同一时间只有一个会话）' },
  SESSION_ALREADY_OPEN: { code: 40992, message: '您有未结束的购物', description: '同一顾客同一时间只能有一个未结束的开门会话；details.sessionId 指向它' },
  UNPAID_ORDERS: { code: 40993, message: '有待支付的订单，请先支付', description: '顾客有未支付的订单，支付后才能再次开门' },
  TASK_STATE_CONFLICT: { code: 40994, message: '任务状态已变化，请刷新', description: '人工处理任务已关闭或正在重试' },
  RATE_LIMITED: { code: 42990, message: '请求过于频繁', description: '超过厂商接入每分钟请求上限，按 Retry-After 秒数后重试' },
  VENDOR_FAILED: { code: 50290, message: '智能柜厂商暂时无法响应', description: '调用小麦接口失败；已按 15/30/60 秒重试计划排队，用尽后转人工处理' },
  PAYSCORE_FAILED: { code: 50291, message: '微信支付分暂时无法响应', description: '创建或完结支付分订单失败，请稍后再试' },
  QRCODE_FAILED: { code: 50292, message: '小程序码生成失败', description: 'wxacode.getUnlimited 调用失败' },
  SECRET_UNAVAILABLE: { code: 50090, message: '厂商密钥不可用', description: '平台无法解密该厂商保存的密钥（主密钥更换或记录损坏），无法验证签名' },
} as const satisfies Record<string, ErrorCodeSpec>;
