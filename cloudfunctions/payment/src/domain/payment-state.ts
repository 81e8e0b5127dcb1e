/**
 * The payment state machine shared by every order source and payment method.
 * Every status change goes through `transition`, so an illegal jump (a refund of an unpaid
 * payment, a second "paid") is refused before anything is written.
 */
import { PAYMENT_STATUSES, type PaymentStatus } from '../../../../typings/api/payment';

// The states are part of the payment contract (listPayments filters by them); defined there.
export { PAYMENT_STATUSES, type PaymentStatus };

// The transitions name the events stored on payment_events (shared/payments); defined there.
import { PAYMENT_EVENTS, type PaymentEventType } from '../../../shared/payments/payment-record';
export { PAYMENT_EVENTS, type PaymentEventType };

export interface TransitionContext {
  /** refund_succeeded: whether everything paid has now been refunded */
  fullyRefunded?: boolean;
  /** refund_failed: what the payment was before the refund started */
  statusBeforeRefund?: PaymentStatus;
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: PaymentStatus,
    readonly event: PaymentEventType,
  ) {
    super(`payment in status ${from} cannot take event ${event}`);
    this.name = 'IllegalTransitionError';
  }
}

export function transition(from: PaymentStatus, event: PaymentEventType, context: TransitionContext = {}): PaymentStatus {
  switch (event) {
    case 'pay_succeeded':
      if (from === 'pending') return 'paid';
      break;
    case 'pay_failed':
      if (from === 'pending') return 'failed';
      break;
    case 'closed':
      if (from === 'pending') return 'closed';
      break;
    case 'refund_requested':
      if (from === 'paid' || from === 'partially_refunded') return 'refunding';
      break;
    case 'refund_succeeded':
      if (from === 'refunding') return context.fullyRefunded ? 'refunded' : 'partially_refunded';
      break;
    case 'refund_failed':
      if (from === 'refunding') return context.statusBeforeRefund === 'partially_refunded' ? 'partially_refunded' : 'paid';
      break;
  }
  throw new IllegalTransitionError(from, event);
}

export function canTransition(from: PaymentStatus, event: PaymentEventType): boolean {
  try {
    transition(from, event, { fullyRefunded: false });
    return true;
  } catch {
    return false;
  }
}

/** Statuses in which money has been received (and may be refunded). */
export function isSettled(status: PaymentStatus): boolean {
  return status === 'paid' || status === 'partially_refunded' || status === 'refunding' || status === 'refunded';
}

export function isTerminal(status: PaymentStatus): boolean {
  return status === 'closed' || status === 'failed' || status === 'refunded';
}
