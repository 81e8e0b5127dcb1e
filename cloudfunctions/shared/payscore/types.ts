/** The Pay Score kernel's public types (index.ts re-exports them). */
import type { PayScoreBusinessView } from '../../../typings/api/payment-views';
import type { PaymentRecord } from '../payments/payment-record';

/** WeChat's Pay Score mini-program, opened for the one-time authorization (FACTS.md). */
export const PAYSCORE_MINI_PROGRAM_APP_ID = 'wxd8f3793ea3b935b8';
export const PAYSCORE_ENABLE_PATH = 'pages/use/enable';

/**
 * `no_confirm`: the merchant's service id has WeChat's 免确认 permission (config
 * `WXPAY_PAYSCORE_NO_CONFIRM=true`): orders are DOING at once. `confirm`: every order is
 * confirmed by the diner through `wx.openBusinessView({businessType:'wxpayScoreUse'})`.
 */
export type PayScoreMode = 'no_confirm' | 'confirm';

export type AuthorizationState = 'authorized' | 'unauthorized';

/** `payscore_permissions/{openid}` as the cabinet sees it. */
export interface PayScoreAuthorization {
  openid: string;
  state: AuthorizationState;
  /** when WeChat says the user opened / closed the service; null when never seen */
  changedAt: Date | null;
  /** where the state comes from: a stored notification/query, or nothing stored yet */
  source: 'notification' | 'query' | 'none';
}

/** What the mini-program passes to `wx.navigateToMiniProgram` for the one-time authorization. */
export interface AuthorizationNavigation {
  appId: typeof PAYSCORE_MINI_PROGRAM_APP_ID;
  path: typeof PAYSCORE_ENABLE_PATH;
  extraData: { apply_permissions_token: string };
}

export interface OpenSmartRetailInput {
  openid: string;
  storeId: string;
  /**
   * The service order's out_order_no = the payment id (`P…`, 27 chars ≤ 32). Pass one made with
   * `newPayScoreOrderNo()` and stored on the door session to make a retried open idempotent;
   * absent → made here.
   */
  outOrderNo?: string;
  /** risk_fund.amount: the most the session may cost (e.g. the store's amount limit), integer fen ≥ 1 */
  riskFen: number;
  sessionId: string;
  deviceCode: string;
  /** service_introduction (cut to 20 characters) */
  title: string;
}

export type OpenSmartRetailResult =
  /** the service order is DOING: the door may open */
  | { mode: 'no_confirm'; paymentId: string; state: 'DOING' }
  /** confirm-mode fallback: hand `payScore` to wx.openBusinessView, then call confirmSmartRetailOrder */
  | { mode: 'confirm'; paymentId: string; state: 'CREATED'; payScore: PayScoreBusinessView };

export interface SmartRetailItem {
  name: string;
  quantity: number;
  unitPriceFen: number;
}

export interface CompleteSmartRetailInput {
  paymentId: string;
  /** the cabinet order (already placed through the order kernel); the payment claims it */
  orderId: string;
  items: SmartRetailItem[];
}

export interface CompleteSmartRetailResult {
  paymentId: string;
  /** Σ items before the member discount */
  totalFen: number;
  discountFen: number;
  /** what WeChat collects (total_amount); USER_PAID is checked against it */
  payableFen: number;
  /** WeChat's state after /complete (DONE; collection USER_PAYING until USER_PAID) */
  state: string;
  /** a repeated completion of the same amounts: nothing new was sent or written */
  already: boolean;
}

export interface CancelSmartRetailInput {
  paymentId: string;
  /** shown to WeChat (≤ 50 chars) and kept on the payment as the closing reason */
  reason: string;
}

export interface CancelSmartRetailResult {
  paymentId: string;
  /** 'cancelled' at WeChat (or already ended without charge); 'not_found' = WeChat has no such order */
  remote: 'cancelled' | 'not_found';
  /** the payment's status afterwards */
  status: PaymentRecord['status'] | null;
}
