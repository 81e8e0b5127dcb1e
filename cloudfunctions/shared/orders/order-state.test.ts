import { isPayableOrder, nextOrderState, OrderTransitionError, requireOrderTransition, type OrderEvent, type OrderState } from './order-state';

const state = (status: OrderState['status'], refundStatus: OrderState['refundStatus'] = null): OrderState => ({ status, refundStatus });

describe('nextOrderState', () => {
  it('places a new order as pending, once', () => {
    expect(nextOrderState(null, { type: 'place' })).toEqual({ ok: true, state: state('pending') });
    expect(nextOrderState(state('pending'), { type: 'place' })).toEqual({ ok: false, reason: 'already_placed' });
    expect(nextOrderState(null, { type: 'pay' })).toEqual({ ok: false, reason: 'not_placed' });
  });

  it.each<[OrderState, OrderEvent, OrderState]>([
    [state('pending'), { type: 'pay' }, state('paid')],
    // a payment landing after its order lapsed still pays it: the money is WeChat's fact
    [state('closed'), { type: 'pay' }, state('paid')],
    [state('pending'), { type: 'correct' }, state('pending')],
    [state('pending'), { type: 'cancel' }, state('cancelled')],
    [state('pending'), { type: 'close' }, state('closed')],
    [state('paid'), { type: 'confirm' }, state('completed')],
    [state('paid', 'partially_refunded'), { type: 'confirm' }, state('completed', 'partially_refunded')],
    [state('paid'), { type: 'refund_requested' }, state('paid', 'refunding')],
    [state('completed', 'partially_refunded'), { type: 'refund_requested' }, state('completed', 'refunding')],
    [state('paid', 'refunding'), { type: 'refund_succeeded', fully: true }, state('paid', 'refunded')],
    [state('paid', 'refunding'), { type: 'refund_succeeded', fully: false }, state('paid', 'partially_refunded')],
    [state('paid', 'refunding'), { type: 'refund_failed', refundedBefore: false }, state('paid')],
    [state('paid', 'refunding'), { type: 'refund_failed', refundedBefore: true }, state('paid', 'partially_refunded')],
    // a refund recorded as failed that WeChat completed after all
    [state('paid'), { type: 'refund_succeeded', fully: false, reopened: true }, state('paid', 'partially_refunded')],
    [state('paid', 'partially_refunded'), { type: 'refund_succeeded', fully: true, reopened: true }, state('paid', 'refunded')],
  ])('%j + %j → %j', (from, event, expected) => {
    expect(nextOrderState(from, event)).toEqual({ ok: true, state: expected });
  });

  it.each<[OrderState, OrderEvent, string]>([
    [state('paid'), { type: 'pay' }, 'already_paid'],
    [state('completed'), { type: 'pay' }, 'already_paid'],
    [state('cancelled'), { type: 'pay' }, 'not_payable'],
    [state('unknown'), { type: 'pay' }, 'not_payable'],
    [state('paid'), { type: 'correct' }, 'already_paid'],
    [state('paid'), { type: 'cancel' }, 'already_paid'],
    [state('closed'), { type: 'cancel' }, 'not_payable'],
    [state('paid'), { type: 'close' }, 'already_paid'],
    [state('pending'), { type: 'confirm' }, 'not_paid'],
    [state('paid', 'refunding'), { type: 'confirm' }, 'refund_in_progress'],
    [state('paid', 'refunded'), { type: 'confirm' }, 'fully_refunded'],
    [state('completed'), { type: 'confirm' }, 'already_paid'],
    [state('pending'), { type: 'refund_requested' }, 'not_paid'],
    [state('paid', 'refunding'), { type: 'refund_requested' }, 'refund_in_progress'],
    [state('paid', 'refunded'), { type: 'refund_requested' }, 'fully_refunded'],
    [state('paid'), { type: 'refund_succeeded', fully: true }, 'no_refund_in_progress'],
    [state('paid', 'refunded'), { type: 'refund_succeeded', fully: true, reopened: true }, 'fully_refunded'],
    [state('paid'), { type: 'refund_failed', refundedBefore: false }, 'no_refund_in_progress'],
  ])('%j + %j is refused: %s', (from, event, reason) => {
    expect(nextOrderState(from, event)).toEqual({ ok: false, reason });
  });

  it('requireOrderTransition throws what was refused', () => {
    expect(requireOrderTransition(state('pending'), { type: 'pay' })).toEqual(state('paid'));
    expect(() => requireOrderTransition(state('cancelled'), { type: 'pay' })).toThrow(OrderTransitionError);
    try {
      requireOrderTransition(state('pending'), { type: 'refund_requested' });
    } catch (error) {
      expect(error).toMatchObject({ event: 'refund_requested', reason: 'not_paid', from: state('pending') });
    }
  });
});

describe('isPayableOrder', () => {
  it('needs a payable status and a positive whole-fen total', () => {
    expect(isPayableOrder({ status: 'pending', totalFen: 100 })).toBe(true);
    expect(isPayableOrder({ status: 'paid', totalFen: 100 })).toBe(false);
    expect(isPayableOrder({ status: 'closed', totalFen: 100 })).toBe(false);
    expect(isPayableOrder({ status: 'pending', totalFen: 0 })).toBe(false);
    expect(isPayableOrder({ status: 'pending', totalFen: 1.5 })).toBe(false);
  });
});

describe('table order flow (扫码点餐)', () => {
  const s = (status: OrderState['status'], paid: boolean, refundStatus: OrderState['refundStatus'] = null): OrderState => ({ status, refundStatus, paid });
  it('moves through the kitchen steps, paid or not, and completes only once paid', () => {
    expect(nextOrderState(s('pending', false), { type: 'accept' })).toEqual({ ok: true, state: s('confirmed', false) });
    expect(nextOrderState(s('paid', true), { type: 'accept' })).toEqual({ ok: true, state: s('confirmed', true) });
    expect(nextOrderState(s('confirmed', false), { type: 'start' })).toEqual({ ok: true, state: s('preparing', false) });
    expect(nextOrderState(s('preparing', false), { type: 'serve' })).toEqual({ ok: true, state: s('serving', false) });
    expect(nextOrderState(s('serving', false), { type: 'finish' })).toEqual({ ok: false, reason: 'not_paid' });
    expect(nextOrderState(s('serving', false), { type: 'pay' })).toEqual({ ok: true, state: s('serving', true) });
    expect(nextOrderState(s('serving', true), { type: 'finish' })).toEqual({ ok: true, state: s('completed', true) });
    expect(nextOrderState(s('pending', false), { type: 'serve' })).toEqual({ ok: false, reason: 'wrong_step' });
  });
  it('cancels before cooking; a paid order only once fully refunded', () => {
    expect(nextOrderState(s('confirmed', false), { type: 'cancel' })).toMatchObject({ ok: true, state: { status: 'cancelled' } });
    expect(nextOrderState(s('preparing', false), { type: 'cancel' })).toEqual({ ok: false, reason: 'not_payable' });
    expect(nextOrderState(s('confirmed', true), { type: 'cancel' })).toEqual({ ok: false, reason: 'already_paid' });
    expect(nextOrderState(s('confirmed', true, 'refunded'), { type: 'cancel' })).toMatchObject({
      ok: true,
      state: { status: 'cancelled', refundStatus: 'refunded' },
    });
  });
  it('takes 加菜 only while unpaid', () => {
    expect(nextOrderState(s('preparing', false), { type: 'add_items' })).toMatchObject({ ok: true, state: { status: 'preparing' } });
    expect(nextOrderState(s('preparing', true), { type: 'add_items' })).toEqual({ ok: false, reason: 'already_paid' });
  });
});
