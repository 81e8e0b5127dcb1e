import type {
  AdjustmentLimitsView,
  AdjustPointsInput,
  DiscountQuoteView,
  LedgerChangeResult,
  LedgerPage,
  LevelView,
  MemberProfile,
  MemberStaffView,
  RedeemPointsInput,
  RedeemRewardResult,
  RedemptionPage,
  RedemptionView,
  RewardView,
  Session,
  SetAdjustmentLimitsInput,
  TopUpTicketsInput,
} from '../../typings/api/member';
import { api } from './api';

export type {
  AdjustPointsInput,
  DiscountQuoteView,
  LedgerChangeResult,
  LedgerEntryView,
  LedgerPage,
  LevelView,
  MemberProfile,
  MemberStaffView,
  RedeemPointsInput,
  RedeemRewardResult,
  RedemptionPage,
  RedemptionStatus,
  RedemptionView,
  RewardView,
  Session,
  TopUpTicketsInput,
} from '../../typings/api/member';

/** Who the caller is (role, staff record, member summary). App caches it: see app.ts. */
export function getSession(): Promise<Session> {
  return api.member.getSession();
}

/** The caller's membership (created on first call); the only reply with the full phone. */
export function getProfile(): Promise<MemberProfile> {
  return api.member.getProfile();
}

/** `code` from `<t-button open-type="getPhoneNumber">`'s event detail. */
export function bindPhone(code: string): Promise<MemberProfile> {
  return api.member.bindPhone({ code });
}

export function listLevels(): Promise<LevelView[]> {
  return api.member.listLevels();
}

export function quoteDiscount(amountFen: number): Promise<DiscountQuoteView> {
  return api.member.quoteDiscount({ amountFen });
}

export function listPointsLogs(page = 1, pageSize = 20): Promise<LedgerPage> {
  return api.member.listPointsLogs({ page, pageSize });
}

export function listTicketLogs(page = 1, pageSize = 20): Promise<LedgerPage> {
  return api.member.listTicketLogs({ page, pageSize });
}

/** Reuse the same idempotencyKey when retrying one redemption: it is applied once. */
export function redeemPoints(input: RedeemPointsInput): Promise<LedgerChangeResult> {
  return api.member.redeemPoints({ ...input });
}

/** The reward catalogue (active rewards, cheapest first). */
export function listRewards(): Promise<RewardView[]> {
  return api.member.listRewards();
}

/** Points for one reward; reuse the same idempotencyKey when retrying one confirmed redemption. */
export function redeemReward(rewardId: string, idempotencyKey: string): Promise<RedeemRewardResult> {
  return api.member.redeemReward({ rewardId, idempotencyKey });
}

export function listMyRedemptions(page = 1, pageSize = 20): Promise<RedemptionPage> {
  return api.member.listMyRedemptions({ page, pageSize });
}

// staff

export function lookupMemberByPhone(phone: string): Promise<MemberStaffView> {
  return api.member.lookupMemberByPhone({ phone });
}

export function adjustPoints(input: AdjustPointsInput): Promise<LedgerChangeResult> {
  return api.member.adjustPoints({ ...input });
}

export function topUpTickets(input: TopUpTicketsInput): Promise<LedgerChangeResult> {
  return api.member.topUpTickets({ ...input });
}

/** Staff at the counter: marks the code the diner shows as handed over, at one of the operator's stores. */
export function verifyRedemption(code: string, storeId: string): Promise<RedemptionView> {
  return api.member.verifyRedemption({ code, storeId });
}

export function getAdjustmentLimits(storeId: string): Promise<AdjustmentLimitsView> {
  return api.member.getAdjustmentLimits({ storeId });
}

export function setAdjustmentLimits(input: SetAdjustmentLimitsInput): Promise<AdjustmentLimitsView> {
  return api.member.setAdjustmentLimits({ ...input });
}

/** One key per user intent (a confirmed form), kept across retries of that intent. */
export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
