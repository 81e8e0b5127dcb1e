import type { ErrorDetails } from '../../../typings/api/common';
/**
 * Platform-wide error codes. Each bounded context registers its own codes in
 * `cloudfunctions/<fn>/src/errors.ts` inside the class ranges below; docs/error-codes.md
 * is generated from all of them (scripts/gen-error-docs.ts).
 * The class (first three digits) decides the HTTP status: 400xx → 400, 401xx → 401, …
 */
export interface ErrorCodeSpec {
  code: number;
  message: string;
  description: string;
}

export const CommonErrors = {
  VALIDATION_FAILED: {
    code: 40001,
    message: '参数校验失败',
    description: '输入未通过 zod 校验；details.field 为第一个失败字段路径，details.issues 为全部问题',
  },
  INVALID_JSON: { code: 40002, message: '请求体不是合法的 JSON', description: 'HTTP 请求体无法解析为 JSON' },
  UNKNOWN_ACTION: { code: 40003, message: '未知的 action', description: 'callFunction 事件中的 action 不存在' },
  UNAUTHENTICATED: { code: 40101, message: '未登录或身份无效', description: '无法从调用上下文取得 OPENID' },
  FORBIDDEN: { code: 40301, message: '无权执行该操作', description: '调用者不是员工，或角色/门店不匹配' },
  ROUTE_NOT_FOUND: { code: 40401, message: '接口不存在', description: 'HTTP 路径或方法没有对应的路由' },
  NOT_FOUND: { code: 40402, message: '记录不存在', description: '按 ID 查询的记录不存在' },
  CONFLICT: { code: 40901, message: '数据冲突，请重试', description: '并发修改冲突或重复提交' },
  BUSY: {
    code: 40902,
    message: '操作繁忙，请稍后重试',
    description:
      '同一数据同时有多个修改（数据库事务冲突），退避重试已用完；冲突的事务已回滚，可原样重试（幂等键保证不会重复执行）。小程序传输层会自动退避重试一次',
  },
  PAYLOAD_TOO_LARGE: { code: 41301, message: '请求体过大', description: '超过接口允许的条数或字节数' },
  RATE_LIMITED: { code: 42901, message: '请求过于频繁', description: '超过频率限制，见 Retry-After' },
  INTERNAL: { code: 50001, message: '服务内部错误', description: '未预期的错误；详情只记录在日志中（带 requestId）' },
  NOT_CONFIGURED: {
    code: 50002,
    message: '云函数配置不完整',
    description:
      '冷启动时按函数的配置声明（src/configuration.ts）检查环境变量：缺少或格式不对的变量名写在 message 与 details.missing / details.invalid 里，见 docs/configuration.md',
  },
  UPSTREAM_FAILED: { code: 50201, message: '上游服务调用失败', description: '调用外部系统（微信、收银系统、小麦）失败' },
} as const satisfies Record<string, ErrorCodeSpec>;

export type { ErrorDetails };

/** An error that is safe to show to the caller: code + Chinese message + optional details. */
export class AppError extends Error {
  readonly code: number;
  readonly details?: ErrorDetails;
  readonly headers?: Record<string, string>;

  constructor(spec: Pick<ErrorCodeSpec, 'code' | 'message'>, options: { message?: string; details?: ErrorDetails; headers?: Record<string, string> } = {}) {
    super(options.message ?? spec.message);
    this.name = 'AppError';
    this.code = spec.code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get httpStatus(): number {
    return httpStatusOf(this.code);
  }
}

export function httpStatusOf(code: number): number {
  if (code === 0) return 200;
  const status = Math.floor(code / 100);
  return status >= 400 && status < 600 ? status : 500;
}
