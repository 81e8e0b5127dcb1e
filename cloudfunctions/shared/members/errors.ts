import type { ErrorCodeSpec } from '../kit/errors';

/**
 * Codes the shared ledger throws (member context, 60–79). Re-exported by the member function's
 * `src/errors.ts` so the generated error table lists them once.
 */
export const MemberLedgerErrors = {
  MEMBER_NOT_FOUND: { code: 40460, message: '会员不存在', description: '按 openid 或手机号找不到会员档案' },
  INSUFFICIENT_POINTS: { code: 40960, message: '积分不足', description: '兑换或扣减的积分超过当前余额（不允许透支）' },
  INSUFFICIENT_TICKETS: { code: 40961, message: '礼票余额不足', description: '礼票支付所需张数超过余额；事务回滚，不扣任何礼票' },
  IDEMPOTENCY_KEY_REUSED: { code: 40962, message: '幂等键已用于另一笔操作', description: '同一 idempotencyKey 再次提交但内容（积分/张数/会员）不同' },
} as const satisfies Record<string, ErrorCodeSpec>;
