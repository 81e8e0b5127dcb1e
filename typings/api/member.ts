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
      summary: '员工手工调整积分（±，同一事务写审计）；不能透支，不能调整自己',
      roles: MANAGER_ROLES,
      input: z
        .object({
          openid: openidField,
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
      summary: '员工为会员充值礼票（同一事务写审计）；不能为自己充值',
      roles: MANAGER_ROLES,
      input: z
        .object({ openid: openidField, tickets: z.number().int().min(1).max(10_000_000), reason: reasonField, idempotencyKey: idempotencyKeyField })
        .strict(),
      reply: returns<LedgerChangeResult>(),
    }),
  },
});
export type MemberContract = typeof memberContract;

export type RedeemPointsInput = z.input<typeof memberContract.actions.redeemPoints.input>;
export type AdjustPointsInput = z.input<typeof memberContract.actions.adjustPoints.input>;
export type TopUpTicketsInput = z.input<typeof memberContract.actions.topUpTickets.input>;
