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
  ADJUSTMENT_OVER_OPERATION_LIMIT: {
    code: 40361,
    message: '超出该门店的单笔调整上限',
    description: '员工调整积分或充值礼票的数额超过管理员为该门店设置的单笔上限（member_store_limits）',
  },
  ADJUSTMENT_OVER_DAILY_LIMIT: {
    code: 40362,
    message: '超出该门店今日的调整额度',
    description: '该门店当天（上海时间）累计的积分调整或礼票充值加上本笔超过管理员设置的每日上限',
  },
  REWARD_NOT_AT_STORE: { code: 40363, message: '该兑换券不适用于本门店', description: '核销门店不在奖品的适用门店内' },
  REWARD_STORE_FORBIDDEN: {
    code: 40364,
    message: '只能管理自己门店的奖品',
    description: '店长创建或修改的奖品必须只适用于自己的门店（全平台奖品只有管理员能管理）',
  },
  REWARD_NOT_FOUND: { code: 40461, message: '奖品不存在', description: '按 rewardId 找不到奖品' },
  REDEMPTION_NOT_FOUND: { code: 40462, message: '兑换码不存在', description: '按兑换码找不到兑换记录' },
  PHONE_ALREADY_BOUND: {
    code: 40963,
    message: '该手机号已绑定其他会员',
    description: '一个手机号只能绑定一个会员：该号码已被另一位会员绑定（如需转移请联系门店）',
  },
  PHONE_AMBIGUOUS: {
    code: 40964,
    message: '该手机号对应多个会员，请联系管理员处理',
    description: '历史数据中同一手机号绑定了多个会员，按手机号查找无法确定是哪一位',
  },
  REWARD_OUT_OF_STOCK: { code: 40965, message: '奖品已兑完', description: '奖品库存为 0；事务回滚，不扣积分' },
  REWARD_INACTIVE: { code: 40966, message: '奖品已下架', description: '奖品未上架或已下架，不能兑换' },
  REDEMPTION_ALREADY_VERIFIED: { code: 40967, message: '兑换码已核销', description: '兑换记录已被核销，不能重复核销' },
  PHONE_CODE_INVALID: { code: 40064, message: '手机号授权码无效或已过期', description: 'getPhoneNumber 返回的 code 被微信拒绝（过期/已使用）' },
  PHONE_LOOKUP_FAILED: { code: 50260, message: '获取手机号失败，请稍后重试', description: '调用微信 phonenumber.getPhoneNumber 失败（网络或微信系统错误）' },
} as const satisfies Record<string, ErrorCodeSpec>;
