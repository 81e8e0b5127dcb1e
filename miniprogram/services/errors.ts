/**
 * The one error type services throw. Function envelopes with a non-zero `code` become an
 * ApiError carrying that code; transport failures (network, bridge, platform) use the
 * negative client-side codes below so pages never need to inspect wx error shapes.
 */
export interface ApiErrorDetails {
  field?: string;
  issues?: { path: string; message: string }[];
  /** the platform's raw errMsg, for transport failures */
  errMsg?: string;
  [key: string]: unknown;
}

export const ClientErrorCodes = {
  /** wx.request / wx.cloud.callFunction failed before a function answered */
  TRANSPORT_FAILED: -1,
  /** the function answered something that is not an envelope */
  BAD_RESPONSE: -2,
} as const;

export class ApiError extends Error {
  readonly code: number;
  readonly details?: ApiErrorDetails;
  readonly requestId?: string;

  constructor(code: number, message: string, details?: ApiErrorDetails, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.requestId = requestId;
    // Keeps `instanceof ApiError` true when the runtime down-levels classes to ES5.
    Object.setPrototypeOf(this, ApiError.prototype);
  }

  /** 40301: the caller is not (or no longer) allowed, e.g. not staff */
  get isForbidden(): boolean {
    return this.code === 40301;
  }

  /** 40402: the record asked for by id does not exist */
  get isNotFound(): boolean {
    return this.code === 40402;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const ROLE_NAMES: Record<string, string> = { admin: '管理员', manager: '店长', clerk: '店员' };

/**
 * The kit refuses a staff action with 40301 `需要角色: admin/manager` (role codes, for logs); staff
 * read which roles may do it in Chinese. Pages hide what a role may not do (utils/permissions.ts),
 * so this shows when the role changed since the page loaded, or the table is behind the server.
 */
function forbiddenMessage(message: string): string | null {
  const m = /^需要角色[:：]\s*([a-z/]+)$/.exec(message.trim());
  if (!m) return null;
  const names = m[1].split('/').map((role) => ROLE_NAMES[role] ?? role);
  return `没有权限：此操作仅限${names.join('或')}，请联系店长或管理员`;
}

/** A message fit for a toast or an error state. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return (error.isForbidden && forbiddenMessage(error.message)) || error.message || '请求失败，请稍后重试';
  return '出错了，请稍后重试';
}
