import type { PaymentRecord } from './payment-record';

/**
 * Creating the WeChat side of a payment (cloudPay unifiedOrder, Pay Score service order) happens
 * AFTER the payment is claimed, so for a moment the payment exists here while WeChat has no
 * order under its number — and a request that creates one may be on its way. During that window
 * "WeChat says the order does not exist" (ORDERNOTEXIST / 404) proves nothing: closing the
 * payment locally on that answer let a diner pay an order we had already given up (charged
 * twice, or charged for an order that stays unpaid).
 *
 * So a payment carries `gatewayPendingSince` while such a call may be in flight, and a close
 * based on "does not exist" is refused while the marker is fresh.
 */

/**
 * How long after `gatewayPendingSince` a create call may still land at WeChat. The payment
 * function times out after 20 s (config.json), so no call it makes outlives a minute; a marker
 * older than that was left by a run that died, and must not block the payment forever.
 */
export const GATEWAY_CALL_BOUND_MS = 60_000;

/** The payment function's timeout (config.json): no call it starts runs longer. */
export const FUNCTION_TIMEOUT_MS = 20_000;

type GatewayFields = Pick<PaymentRecord, 'method' | 'wxPayment' | 'payScorePackage' | 'smartRetail'> & { gatewayPendingSince?: Date | string | null };

/**
 * Whether this payment still needs its WeChat order created (wx.requestPayment / openBusinessView
 * parameters). A cabinet smart-retail payment (shared/payscore) has its service order opened by
 * the door session, never by createPayment.
 */
export function needsGatewayOrder(payment: Pick<PaymentRecord, 'method' | 'wxPayment' | 'payScorePackage' | 'smartRetail'>): boolean {
  if (payment.method === 'wechat') return !payment.wxPayment;
  if (payment.method === 'payscore') return !payment.payScorePackage && !payment.smartRetail;
  return false;
}

/** Smart-retail orders WeChat answered (DOING, DONE …) exist there even without a package. */
export function hasGatewayOrder(payment: Pick<PaymentRecord, 'wxPayment' | 'payScorePackage' | 'smartRetail'>): boolean {
  const state = payment.smartRetail?.state;
  return !!payment.wxPayment || !!payment.payScorePackage || (!!state && state !== 'STAGED');
}

export function gatewayCallMayBeInFlight(payment: Pick<GatewayFields, 'gatewayPendingSince'>, now: Date): boolean {
  if (!payment.gatewayPendingSince) return false;
  return now.getTime() - new Date(payment.gatewayPendingSince).getTime() < GATEWAY_CALL_BOUND_MS;
}

/**
 * Whether a marker already on the payment (another copy of a double tap is creating the same
 * order) still covers a call starting now — then the claim need not write it again, which would
 * only make concurrent copies conflict on the payment.
 */
export function gatewayMarkerCoversNewCall(payment: Pick<GatewayFields, 'gatewayPendingSince'>, now: Date): boolean {
  if (!payment.gatewayPendingSince) return false;
  const remaining = new Date(payment.gatewayPendingSince).getTime() + GATEWAY_CALL_BOUND_MS - now.getTime();
  return remaining >= FUNCTION_TIMEOUT_MS && remaining <= GATEWAY_CALL_BOUND_MS;
}

export type NotExistCloseRefusal = 'in_flight' | 'opened_meanwhile';

/**
 * WeChat just said it has no order for this payment; may we close the payment here on that
 * answer? Not while a create call may still land (`in_flight`), and not when the payment gained
 * its WeChat order after we asked (`opened_meanwhile`: the answer is stale — the order exists now
 * and must be closed at WeChat first). `sawGatewayOrder` is what the caller read before asking.
 */
export function refuseCloseOnNotExist(payment: GatewayFields, sawGatewayOrder: boolean, now: Date): NotExistCloseRefusal | null {
  if (gatewayCallMayBeInFlight(payment, now)) return 'in_flight';
  if (!sawGatewayOrder && hasGatewayOrder(payment)) return 'opened_meanwhile';
  return null;
}
