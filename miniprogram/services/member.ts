import type {
  AdjustPointsInput,
  DiscountQuoteView,
  LedgerChangeResult,
  LedgerPage,
  LedgerEntryView,
  LevelView,
  MemberProfile,
  MemberStaffView,
  RedeemPointsInput,
  TopUpTicketsInput,
} from '../../typings/api/member';
import type { Session } from '../../typings/api/session';
import { callFunction } from './transport';

export type { Session, MemberProfile, MemberStaffView, LevelView, LedgerPage, LedgerEntryView, LedgerChangeResult, DiscountQuoteView };

/** Who the caller is (role, staff record, member summary). App caches it: see app.ts. */
export function getSession(): Promise<Session> {
  return callFunction<Session>('member', 'getSession');
}

/** The caller's membership (created on first call); the only reply with the full phone. */
export function getProfile(): Promise<MemberProfile> {
  return callFunction<MemberProfile>('member', 'getProfile');
}

/** `code` from `<t-button open-type="getPhoneNumber">`'s event detail. */
export function bindPhone(code: string): Promise<MemberProfile> {
  return callFunction<MemberProfile>('member', 'bindPhone', { code });
}

export function listLevels(): Promise<LevelView[]> {
  return callFunction<LevelView[]>('member', 'listLevels');
}

export function quoteDiscount(amountFen: number): Promise<DiscountQuoteView> {
  return callFunction<DiscountQuoteView>('member', 'quoteDiscount', { amountFen });
}

export function listPointsLogs(page = 1, pageSize = 20): Promise<LedgerPage> {
  return callFunction<LedgerPage>('member', 'listPointsLogs', { page, pageSize });
}

export function listTicketLogs(page = 1, pageSize = 20): Promise<LedgerPage> {
  return callFunction<LedgerPage>('member', 'listTicketLogs', { page, pageSize });
}

/** Reuse the same idempotencyKey when retrying one redemption: it is applied once. */
export function redeemPoints(input: RedeemPointsInput): Promise<LedgerChangeResult> {
  return callFunction<LedgerChangeResult>('member', 'redeemPoints', { ...input });
}

// staff

export function lookupMemberByPhone(phone: string): Promise<MemberStaffView> {
  return callFunction<MemberStaffView>('member', 'lookupMemberByPhone', { phone });
}

export function adjustPoints(input: AdjustPointsInput): Promise<LedgerChangeResult> {
  return callFunction<LedgerChangeResult>('member', 'adjustPoints', { ...input });
}

export function topUpTickets(input: TopUpTicketsInput): Promise<LedgerChangeResult> {
  return callFunction<LedgerChangeResult>('member', 'topUpTickets', { ...input });
}

/** One key per user intent (a confirmed form), kept across retries of that intent. */
export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
