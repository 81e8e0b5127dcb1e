import type { ErrorCodeSpec } from '../../shared/kit/errors';
import { MemberLedgerErrors } from '../../shared/members/errors';

/** Member context codes (last two digits 60–79); the ledger's own codes live in shared/members. */
export const Errors = {
  ...MemberLedgerErrors,
  OWN_ACCOUNT_FORBIDDEN: {
    code: 40360,
    message: '不能调整自己的会员账户',
    description: '员工不能为自己（目标 openid 与操作人相同）调整积分或充值礼票，请由其他员工操作',
  },
  PHONE_CODE_INVALID: { code: 40064, message: '手机号授权码无效或已过期', description: 'getPhoneNumber 返回的 code 被微信拒绝（过期/已使用）' },
  PHONE_LOOKUP_FAILED: { code: 50260, message: '获取手机号失败，请稍后重试', description: '调用微信 phonenumber.getPhoneNumber 失败（网络或微信系统错误）' },
} as const satisfies Record<string, ErrorCodeSpec>;
