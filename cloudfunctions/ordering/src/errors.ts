import type { ErrorCodeSpec } from '../../shared/kit/errors';

/** Ordering context codes (last two digits 80–89). */
export const Errors = {
  ORDER_NOT_FOUND: { code: 40480, message: '订单不存在', description: '按 orderId 找不到调用者自己的订单（他人的订单同样报告为不存在）' },
} as const satisfies Record<string, ErrorCodeSpec>;
