import type { ErrorCodeSpec } from '../../shared/kit/errors';

/**
 * pos-interface error codes (last two digits 10–39). Every auth failure has its own code so a
 * POS integrator can tell a clock problem from a wrong secret without calling us.
 */
export const Errors = {
  UNSUPPORTED_GRANT_TYPE: { code: 40010, message: '不支持的 grant_type', description: '/oauth/token 仅支持 client_credentials' },
  VENDOR_PAYLOAD_INVALID: { code: 40011, message: '厂商推送数据无法解析', description: '厂商格式的推送无法由该厂商适配器解析为订单' },
  AUTH_HEADERS_MISSING: {
    code: 40110,
    message: '缺少签名请求头',
    description: '缺少或格式错误：X-API-Key、X-Timestamp（unix 秒）、X-Nonce（16–64 位）、X-Signature（64 位小写十六进制）',
  },
  UNKNOWN_API_KEY: { code: 40111, message: 'API Key 不存在', description: 'X-API-Key 未对应任何收银系统接入配置' },
  INTEGRATION_DISABLED: { code: 40112, message: '接入已停用', description: '该 API Key 的接入配置已被停用' },
  TIMESTAMP_OUT_OF_WINDOW: {
    code: 40113,
    message: '请求时间戳超出允许范围',
    description: '服务器时间与 X-Timestamp 相差超过 300 秒（过早或过晚），请校准时钟',
  },
  SIGNATURE_INVALID: {
    code: 40114,
    message: '签名验证失败',
    description: 'X-Signature 与服务端按相同规则计算的 HMAC-SHA256 不一致（密钥、路径、请求体或拼接方式错误）',
  },
  NONCE_REPLAYED: { code: 40115, message: '请求重放', description: '同一接入（API Key）的 X-Nonce 在 300 秒窗口内已被任一接口使用过' },
  TOKEN_INVALID: { code: 40116, message: '访问令牌无效或已过期', description: 'Authorization: Bearer 令牌不存在、不属于该 API Key 或已超过 2 小时有效期' },
  VENDOR_SIGNATURE_INVALID: { code: 40117, message: '厂商推送签名无效', description: '厂商格式推送未通过该厂商签名规则的验证' },
  SECRET_UNAVAILABLE: {
    code: 40118,
    message: '接入密钥不可用',
    description: '平台无法解密该接入保存的密钥（主密钥更换或密钥记录损坏），无法验证签名；请联系平台管理员轮换密钥',
  },
  IP_NOT_ALLOWED: { code: 40310, message: 'IP 不在白名单内', description: '接入配置设置了 IP 白名单，请求来源 IP 不在其中' },
  RESTAURANT_MISMATCH: { code: 40311, message: '餐厅 ID 与接入配置不符', description: '请求体中的 restaurantId 不是该 API Key 绑定的餐厅' },
  INTEGRATION_NOT_FOUND: { code: 40410, message: '接入配置不存在', description: '厂商推送地址中的 integrationId 不存在或已停用' },
  ORDER_CONFLICT: {
    code: 40910,
    message: '订单号已存在且内容不同',
    description: '同一接入下同一 orderId 已同步过不同内容；仅允许 sale → refund / void 的状态变更',
  },
  BATCH_TOO_LARGE: { code: 41310, message: '批量订单超过 500 条', description: '单次批量同步最多 500 条订单' },
  MENU_TOO_LARGE: { code: 41311, message: '菜单菜品超过 1000 项', description: '单次菜单同步最多 1000 个菜品，请分批 incremental 同步' },
  RATE_LIMITED: { code: 42910, message: '请求过于频繁', description: '超过该接入每分钟请求上限（默认 100 次/分钟），按 Retry-After 秒数后重试' },
} as const satisfies Record<string, ErrorCodeSpec>;
