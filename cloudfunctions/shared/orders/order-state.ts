/**
 * The order state machine, shared by every context that touches an order (ordering, payment, and
 * the cabinet / 扫码点餐 contexts that will place orders). Pure: it reads no database and writes
 * nothing; the kernel's writes (order-writes.ts) ask it before every change, so an illegal jump
 * (paying a cancelled order, refunding an unpaid one) is refused before anything is written.
 *
 * An order has two parts of state: its `status` (the order's life) and, once paid, a
 * `refundStatus` (money going back). A refund never changes `status`: a fully refunded order is
 * still `paid` with `refundStatus: 'refunded'`, so the diner's history keeps what happened.
 * docs/orders.md draws the diagram.
 */

/**
 * `unknown`: a stored status this code does not know; every event is refused from it.
 * `confirmed`, `preparing`, `serving`: the kitchen's steps of a table order (扫码点餐), paid or not;
 * whether money came in is `OrderState.paid` (the order's `paidAt`), not the status.
 */
export const ORDER_STATUSES = ['pending', 'paid', 'confirmed', 'preparing', 'serving', 'completed', 'closed', 'cancelled', 'unknown'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_REFUND_STATUSES = ['refunding', 'refunded', 'partially_refunded'] as const;
export type OrderRefundStatus = (typeof ORDER_REFUND_STATUSES)[number];

/**
 * Statuses in which an order may be paid (a payment may be started for it). Defined here once:
 * ordering shows 去支付 with it and payment claims orders with it.
 */
export const PAYABLE_ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'confirmed', 'preparing', 'serving'];

/** The kitchen's statuses of a table order (pay after the meal / at the counter keeps them unpaid). */
export const KITCHEN_ORDER_STATUSES: readonly OrderStatus[] = ['confirmed', 'preparing', 'serving'];

export interface OrderState {
  status: OrderStatus;
  refundStatus: OrderRefundStatus | null;
  /**
   * Money came in (the order has `paidAt`). Absent: read from the status (`paid`/`completed`).
   * Table orders move through the kitchen statuses paid or unpaid, so the status alone cannot say.
   */
  paid?: boolean;
}

export type OrderEvent =
  /** a new order (cabinet / 扫码点餐 / POS) */
  | { type: 'place' }
  /** the store corrects items or amounts before anything was paid (after payment: a refund) */
  | { type: 'correct' }
  /** money received for it */
  | { type: 'pay' }
  /** table order: the kitchen accepts it (pending or paid → confirmed); weighed lines must be weighed */
  | { type: 'accept' }
  /** table order: cooking starts (confirmed → preparing) */
  | { type: 'start' }
  /** table order: dishes go out (preparing → serving) */
  | { type: 'serve' }
  /** table order: done (serving → completed); only once paid */
  | { type: 'finish' }
  /** table order: 加菜, lines added while not paid and not finished */
  | { type: 'add_items' }
  /** the store confirms it was handed over (picked up from the cabinet, served) */
  | { type: 'confirm' }
  /** the diner or the store calls it off before payment */
  | { type: 'cancel' }
  /** it lapsed unpaid */
  | { type: 'close' }
  | { type: 'refund_requested' }
  /**
   * `fully`: everything paid has now been refunded. `reopened`: a refund recorded as failed that
   * WeChat reports done after all; it was not in progress any more, so it is requested again first.
   */
  | { type: 'refund_succeeded'; fully: boolean; reopened?: boolean }
  /** `refundedBefore`: earlier refunds already gave money back (the order stays partially refunded) */
  | { type: 'refund_failed'; refundedBefore: boolean };

export type OrderEventType = OrderEvent['type'];

export type OrderRefusal =
  | 'already_placed'
  | 'not_placed'
  | 'already_paid'
  | 'not_payable'
  | 'not_paid'
  | 'refund_in_progress'
  | 'fully_refunded'
  | 'no_refund_in_progress'
  /** a kitchen step out of order (serving an unconfirmed order …) */
  | 'wrong_step';

export type OrderTransition = { ok: true; state: OrderState } | { ok: false; reason: OrderRefusal };

const refuse = (reason: OrderRefusal): OrderTransition => ({ ok: false, reason });
const to = (status: OrderStatus, refundStatus: OrderRefundStatus | null): OrderTransition => ({ ok: true, state: { status, refundStatus } });

/** Money went into it: refunds are possible from here on. */
function isPaidStatus(status: OrderStatus): boolean {
  return status === 'paid' || status === 'completed';
}

function isKitchenStatus(status: OrderStatus): boolean {
  return KITCHEN_ORDER_STATUSES.includes(status);
}

/** The kitchen steps: which status each event leaves from and goes to. */
const KITCHEN_STEPS: Record<'accept' | 'start' | 'serve' | 'finish', { from: readonly OrderStatus[]; to: OrderStatus }> = {
  accept: { from: ['pending', 'paid'], to: 'confirmed' },
  start: { from: ['confirmed'], to: 'preparing' },
  serve: { from: ['preparing'], to: 'serving' },
  finish: { from: ['serving'], to: 'completed' },
};

/** The next state of an order (`null`: it does not exist yet) after `event`, or why the event is refused. */
export function nextOrderState(from: OrderState | null, event: OrderEvent): OrderTransition {
  if (from === null) return event.type === 'place' ? to('pending', null) : refuse('not_placed');
  const { status, refundStatus } = from;
  const paid = from.paid ?? isPaidStatus(status);
  // A table order in a kitchen status keeps its `paid` fact in the transitions below.
  const keep = (next: OrderStatus, nextRefund: OrderRefundStatus | null): OrderTransition =>
    from.paid === undefined ? to(next, nextRefund) : { ok: true, state: { status: next, refundStatus: nextRefund, paid } };
  switch (event.type) {
    case 'place':
      return refuse('already_placed');
    case 'accept':
    case 'start':
    case 'serve':
    case 'finish': {
      const step = KITCHEN_STEPS[event.type];
      if (!step.from.includes(status)) return refuse('wrong_step');
      if (event.type === 'finish' && !paid) return refuse('not_paid');
      if (refundStatus === 'refunding') return refuse('refund_in_progress');
      if (refundStatus === 'refunded') return refuse('fully_refunded');
      return keep(step.to, refundStatus);
    }
    case 'add_items':
      if (paid) return refuse('already_paid');
      if (status === 'pending' || isKitchenStatus(status)) return keep(status, null);
      return refuse('not_payable');
    case 'cancel':
      // Before cooking starts an order may be called off; a paid one only once fully refunded
      // (who may cancel when is the ordering context's rule, docs/orders.md).
      if (!paid && (status === 'pending' || status === 'confirmed')) return keep('cancelled', null);
      if (paid && refundStatus === 'refunded' && (status === 'paid' || status === 'confirmed')) return keep('cancelled', refundStatus);
      return refuse(paid ? 'already_paid' : 'not_payable');
    case 'correct':
      if (status === 'pending' && !paid) return keep('pending', null);
      return refuse(paid ? 'already_paid' : 'not_payable');
    case 'close':
      if (status === 'pending') return to('closed', null);
      return refuse(isPaidStatus(status) ? 'already_paid' : 'not_payable');
    case 'pay':
      // A payment may still land after its order lapsed (WeChat's money is a fact): closed orders
      // are paid after all. A cancelled one is not: cancelling must end its payment first.
      if (paid) return refuse('already_paid');
      if (status === 'pending' || status === 'closed') return to('paid', null);
      // Pay after the meal / at the counter: the kitchen status stays, the order is now paid.
      if (isKitchenStatus(status)) return { ok: true, state: { status, refundStatus: null, paid: true } };
      return refuse('not_payable');
    case 'confirm':
      if (!isPaidStatus(status)) return refuse('not_paid');
      if (refundStatus === 'refunding') return refuse('refund_in_progress');
      if (refundStatus === 'refunded') return refuse('fully_refunded');
      return status === 'completed' ? refuse('already_paid') : to('completed', refundStatus);
    case 'refund_requested':
      if (!paid) return refuse('not_paid');
      if (refundStatus === 'refunding') return refuse('refund_in_progress');
      if (refundStatus === 'refunded') return refuse('fully_refunded');
      return keep(status, 'refunding');
    case 'refund_succeeded': {
      let current: OrderState = from;
      if (event.reopened && refundStatus !== 'refunding') {
        const requested = nextOrderState(from, { type: 'refund_requested' });
        if (!requested.ok) return requested;
        current = requested.state;
      }
      if (current.refundStatus !== 'refunding') return refuse('no_refund_in_progress');
      return keep(current.status, event.fully ? 'refunded' : 'partially_refunded');
    }
    case 'refund_failed':
      if (refundStatus !== 'refunding') return refuse('no_refund_in_progress');
      return keep(status, event.refundedBefore ? 'partially_refunded' : null);
  }
}

/** Whether an order in this status may be paid. */
export function isPayableStatus(status: OrderStatus): boolean {
  return PAYABLE_ORDER_STATUSES.includes(status);
}

/**
 * Payable status, not paid yet, a positive whole-fen total and (table orders) every weighed line
 * weighed: what starting a payment requires.
 */
export function isPayableOrder(order: { status: OrderStatus; totalFen: number; paidAt?: Date; table?: { awaitingWeight?: boolean } }): boolean {
  if (order.paidAt !== undefined || order.table?.awaitingWeight) return false;
  return isPayableStatus(order.status) && Number.isSafeInteger(order.totalFen) && order.totalFen > 0;
}

export class OrderTransitionError extends Error {
  constructor(
    readonly from: OrderState | null,
    readonly event: OrderEventType,
    readonly reason: OrderRefusal,
  ) {
    super(`order in status ${from ? `${from.status}/${from.refundStatus ?? '-'}` : 'none'} cannot take event ${event}: ${reason}`);
    this.name = 'OrderTransitionError';
  }
}

/** The next state, or an OrderTransitionError: for writers that must not write a refused change. */
export function requireOrderTransition(from: OrderState | null, event: OrderEvent): OrderState {
  const next = nextOrderState(from, event);
  if (!next.ok) throw new OrderTransitionError(from, event.type, next.reason);
  return next.state;
}
