/** Contracts of the member function's actions. Type-only: shared by the mini-program and the function. */

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

export interface LedgerEntryView {
  id: string;
  /** signed change: points or tickets */
  change: number;
  reason: string;
  sourceType: string;
  balanceAfter: number;
  /** ISO instant (UTC) */
  createdAt: string;
  /** Asia/Shanghai, for display */
  createdAtText: string;
}

export interface LedgerPage {
  items: LedgerEntryView[];
  total: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface PageInput {
  page?: number;
  pageSize?: number;
}

export interface RedeemPointsInput {
  points: number;
  reason: string;
  idempotencyKey: string;
}

export interface LedgerChangeResult {
  change: number;
  balanceAfter: number;
  /** true when the idempotency key had already been applied */
  replayed: boolean;
}

export interface AdjustPointsInput {
  openid: string;
  points: number;
  reason: string;
  idempotencyKey: string;
}

export interface TopUpTicketsInput {
  openid: string;
  tickets: number;
  reason: string;
  idempotencyKey: string;
}
