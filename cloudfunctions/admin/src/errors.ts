import type { ErrorCodeSpec } from '../../shared/kit/errors';

/** Admin context codes (last two digits 95–99). */
export const Errors = {
  INVITATION_NOT_USABLE: {
    code: 40495,
    message: '邀请码无效或已失效',
    description: '邀请码不存在、已被使用、已作废或已过期；message 说明是哪一种。请向邀请人要一个新的邀请',
  },
  ALREADY_STAFF: { code: 40996, message: '你已经是员工，不能再接受邀请', description: '当前微信（openid）已绑定一个启用中的员工身份' },
  STORE_CODE_TAKEN: { code: 40997, message: '门店编码已被使用', description: '新建门店时编码与已有门店重复（编码印在门店码上，创建后不能修改）' },
  INVITATION_NOT_PENDING: { code: 40998, message: '只能作废未使用的邀请', description: '邀请已被接受、作废或过期' },
  STAFF_CHANGE_FORBIDDEN: {
    code: 40395,
    message: '不能做这个员工变更',
    description: '店长只能邀请或管理自己门店的店长和店员；不能修改自己；不能停用或降级最后一位管理员；message 说明原因',
  },
  STORE_NOT_FOUND: { code: 40496, message: '门店不存在', description: '按 storeId 或门店编码找不到门店，或门店已关闭（顾客侧）' },
  STAFF_NOT_FOUND: { code: 40497, message: '员工不存在', description: '按 staffId 找不到员工' },
  INVITATION_NOT_FOUND: { code: 40498, message: '邀请不存在', description: '按 invitationId 找不到邀请' },
} as const satisfies Record<string, ErrorCodeSpec>;
