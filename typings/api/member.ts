/**
 * Contract of the `member` context: who the caller is (session), their membership (profile,
 * levels, member price), their points and gift-ticket ledgers, and the staff actions on members.
 * The function implements it (cloudfunctions/member/src/index.ts); the mini-program calls it
 * through `api.member` (type-only, no zod reaches the package).
 */
import { z } from 'zod';
import { idSchema, MANAGER_ROLES, pageInputShape, STAFF_ROLES, type IsoInstant, type Page, type StaffRole } from './common';
import { action, defineContract, pingSpec, returns } from './contract';

// ---- session: loaded once when the mini-program launches ----

/** `diner` for everyone who is not an active staff member. */
export type SessionRole = 'diner' | StaffRole;

export interface SessionStaff {
  name: string;
  role: StaffRole;
  storeIds: string[];
}

/** The minimal member view; full profiles live behind getProfile. */
export interface SessionMember {
  nickname: string;
  levelName: string;
  points: number;
}

export interface Session {
  openid: string;
  role: SessionRole;
  isStaff: boolean;
  /** present only for active staff */
  staff?: SessionStaff;
  /** null until the caller has a member profile */
  member: SessionMember | null;
}

// ---- membership ----

export interface LevelView {
  code: string;
  name: string;
  minPoints: number;
  /** multiplier, e.g. 0.95 for 95折 */
  discountRate: number;
}

/** What the owner sees of their own membership (full phone). */
export interface MemberProfile {
  openid: string;
  nickname: string;
  /** full number; only ever sent to its owner */
  phone: string | null;
  level: LevelView;
  nextLevel: LevelView | null;
  pointsToNext: number;
  /** 0–100 towards the next level */
  progressPercent: number;
  points: number;
  totalEarned: number;
  tickets: number;
}

/** What staff see: masked phone. */
export interface MemberStaffView {
  openid: string;
  nickname: string;
  phoneMasked: string | null;
  levelName: string;
  points: number;
  totalEarned: number;
  tickets: number;
}

export interface DiscountQuoteView {
  level: LevelView;
  /** all in fen */
  original: number;
  discount: number;
  final: number;
  rate: number;
}

// ---- ledgers ----

export interface LedgerEntryView {
  id: string;
  /** signed change: points or tickets */
  change: number;
  reason: string;
  sourceType: string;
  balanceAfter: number;
  /** ISO instant (UTC), already a string on the server: the ledger row may hold either form */
  createdAt: IsoInstant;
  /** Asia/Shanghai, for display */
  createdAtText: string;
}

export type LedgerPage = Page<LedgerEntryView>;

export interface LedgerChangeResult {
  change: number;
  balanceAfter: number;
  /** true when the idempotency key had already been applied */
  replayed: boolean;
}

// ---- staff adjustment limits per store ----

/** null = no limit. Points limits count absolute values (a −50 correction uses 50). */
export interface AdjustmentLimitValues {
  pointsPerOperation: number | null;
  pointsPerDay: number | null;
  ticketsPerOperation: number | null;
  ticketsPerDay: number | null;
}

export interface AdjustmentLimitsView extends AdjustmentLimitValues {
  storeId: string;
  /** what staff of the store adjusted today (Asia/Shanghai day) */
  usedToday: { points: number; tickets: number };
  /** YYYY-MM-DD, Asia/Shanghai */
  day: string;
  updatedAt: IsoInstant | null;
}

// ---- reward catalogue (points redemption) ----

export interface RewardView {
  rewardId: string;
  name: string;
  description: string;
  pointsCost: number;
  /** how many can still be redeemed */
  stock: number;
  active: boolean;
  /** stores where it can be collected; empty = every store */
  storeIds: string[];
}

export type RedemptionStatus = 'issued' | 'verified';

export interface RedemptionView {
  /** what the diner shows at the counter; staff verify it */
  code: string;
  rewardId: string;
  rewardName: string;
  points: number;
  status: RedemptionStatus;
  createdAt: IsoInstant;
  /** Asia/Shanghai, for display */
  createdAtText: string;
  verifiedAt: IsoInstant | null;
  verifiedAtText: string | null;
  verifiedStoreId: string | null;
}

export type RedemptionPage = Page<RedemptionView>;

export interface RedeemRewardResult {
  redemption: RedemptionView;
  balanceAfter: number;
  /** true when the idempotency key had already been applied */
  replayed: boolean;
}

// ---- input pieces several actions share ----

const reasonField = z.string().trim().min(1, '请填写原因').max(100);

/** Chosen by the client once per user intent, reused on retry. */
const idempotencyKeyField = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、_ 和 -');

/** A member's openid as staff send it: the id character set (no newlines or separators). */
const openidField = idSchema;

const mobileField = z.string().regex(/^1[3-9]\d{9}$/, '不是合法的手机号');

const noInput = z.object({}).strict();

/** null = no limit */
const limitField = z.number().int().min(1).max(100_000_000).nullable();

/** Redemption codes: 10 characters without look-alikes (no 0/O, 1/I/L); staff may type them in lower case. */
export const REDEMPTION_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/;
const redemptionCodeField = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(z.string().regex(REDEMPTION_CODE_PATTERN, '兑换码是 10 位字母或数字'));
const ledgerPageInput = z.object(pageInputShape).strict();

export const memberContract = defineContract({
  name: 'member',
  errors: { from: 60, to: 79 },
  actions: {
    ping: pingSpec,
    getSession: action({
      summary: '调用者是谁（角色、员工信息、会员摘要）；小程序启动时加载一次',
      input: noInput,
      reply: returns<Session>(),
    }),
    getProfile: action({
      summary: '自己的会员资料（首次调用时创建）；唯一带完整手机号的回复',
      input: noInput,
      reply: returns<MemberProfile>(),
    }),
    bindPhone: action({
      summary: '绑定微信担保的手机号（getPhoneNumber 的 code）',
      input: z.object({ code: z.string().min(1).max(256) }).strict(),
      reply: returns<MemberProfile>(),
    }),
    listLevels: action({ summary: '会员等级表', input: noInput, reply: returns<LevelView[]>() }),
    quoteDiscount: action({
      summary: '调用者对一笔金额（分）的会员价；非会员按入门等级（无折扣）',
      input: z.object({ amountFen: z.number().int().min(0).max(100_000_000) }).strict(),
      reply: returns<DiscountQuoteView>(),
    }),
    listPointsLogs: action({ summary: '自己的积分明细，新的在前', input: ledgerPageInput, reply: returns<LedgerPage>() }),
    listTicketLogs: action({ summary: '自己的礼票明细，新的在前', input: ledgerPageInput, reply: returns<LedgerPage>() }),
    redeemPoints: action({
      summary: '兑换（扣减）积分，不会扣成负数；同一幂等键重试返回第一次的结果',
      input: z.object({ points: z.number().int().min(1).max(10_000_000), reason: reasonField, idempotencyKey: idempotencyKeyField }).strict(),
      reply: returns<LedgerChangeResult>(),
    }),
    lookupMemberByPhone: action({
      summary: '员工按手机号查会员；回复只带打码手机号',
      roles: STAFF_ROLES,
      input: z.object({ phone: mobileField }).strict(),
      reply: returns<MemberStaffView>(),
    }),
    adjustPoints: action({
      summary: '员工为某门店手工调整积分（±，同一事务写审计与门店当日额度）；不能透支，不能调整自己',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          openid: openidField,
          /** the store the adjustment is made for: one of the operator's stores (admins: any) */
          storeId: idSchema,
          points: z
            .number()
            .int()
            .min(-1_000_000)
            .max(1_000_000)
            .refine((n) => n !== 0, '不能为 0'),
          reason: reasonField,
          idempotencyKey: idempotencyKeyField,
        })
        .strict(),
      reply: returns<LedgerChangeResult>(),
    }),
    topUpTickets: action({
      summary: '员工为某门店给会员充值礼票（同一事务写审计与门店当日额度）；不能为自己充值',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          openid: openidField,
          storeId: idSchema,
          tickets: z.number().int().min(1).max(10_000_000),
          reason: reasonField,
          idempotencyKey: idempotencyKeyField,
        })
        .strict(),
      reply: returns<LedgerChangeResult>(),
    }),
    getAdjustmentLimits: action({
      summary: '管理员查看某门店的员工调整上限（单笔、每日）与今日已用',
      roles: ['admin'],
      storeField: 'storeId',
      input: z.object({ storeId: idSchema }).strict(),
      reply: returns<AdjustmentLimitsView>(),
    }),
    setAdjustmentLimits: action({
      summary: '管理员设置某门店的员工调整上限（null 为不限）',
      roles: ['admin'],
      storeField: 'storeId',
      input: z
        .object({
          storeId: idSchema,
          pointsPerOperation: limitField,
          pointsPerDay: limitField,
          ticketsPerOperation: limitField,
          ticketsPerDay: limitField,
        })
        .strict(),
      reply: returns<AdjustmentLimitsView>(),
    }),
    listRewards: action({ summary: '可兑换的奖品（上架的，按所需积分从低到高）', input: noInput, reply: returns<RewardView[]>() }),
    redeemReward: action({
      summary: '用积分兑换一件奖品：扣积分、减库存、发兑换码在同一事务；同一幂等键重试返回第一次的结果',
      input: z.object({ rewardId: idSchema, idempotencyKey: idempotencyKeyField }).strict(),
      reply: returns<RedeemRewardResult>(),
    }),
    listMyRedemptions: action({ summary: '自己的兑换记录与兑换码，新的在前', input: ledgerPageInput, reply: returns<RedemptionPage>() }),
    manageReward: action({
      summary: '创建（无 rewardId）或修改奖品；店长只能管理只适用于自己门店的奖品',
      roles: MANAGER_ROLES,
      input: z
        .object({
          rewardId: idSchema.optional(),
          name: z.string().trim().min(1, '请填写奖品名称').max(40),
          description: z.string().trim().max(200).default(''),
          pointsCost: z.number().int().min(1).max(10_000_000),
          stock: z.number().int().min(0).max(1_000_000),
          active: z.boolean(),
          storeIds: z.array(idSchema).max(50).default([]),
        })
        .strict(),
      reply: returns<RewardView>(),
    }),
    verifyRedemption: action({
      summary: '员工在门店核销顾客出示的兑换码（同一事务写审计）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ code: redemptionCodeField, storeId: idSchema }).strict(),
      reply: returns<RedemptionView>(),
    }),
  },
});
export type MemberContract = typeof memberContract;

export type RedeemPointsInput = z.input<typeof memberContract.actions.redeemPoints.input>;
export type AdjustPointsInput = z.input<typeof memberContract.actions.adjustPoints.input>;
export type TopUpTicketsInput = z.input<typeof memberContract.actions.topUpTickets.input>;
export type SetAdjustmentLimitsInput = z.input<typeof memberContract.actions.setAdjustmentLimits.input>;
export type ManageRewardInput = z.input<typeof memberContract.actions.manageReward.input>;
