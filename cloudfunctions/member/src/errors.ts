import type { ErrorCodeSpec } from '../../shared/kit/errors';
import { MemberLedgerErrors } from '../../shared/members/errors';

/** Member context codes (last two digits 60–79); the ledger's own codes live in shared/members. */
export const Errors = {
  ...MemberLedgerErrors,
  PHONE_CODE_INVALID: { code: 40064, message: '手机号授权码无效或已过期', description: 'getPhoneNumber 返回的 code 被微信拒绝（过期/已使用）' },
  PHONE_LOOKUP_FAILED: { code: 50260, message: '获取手机号失败，请稍后重试', description: '调用微信 phonenumber.getPhoneNumber 失败（网络或微信系统错误）' },
} as const satisfies Record<string, ErrorCodeSpec>;
