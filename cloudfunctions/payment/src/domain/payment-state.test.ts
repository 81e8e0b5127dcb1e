import { canTransition, IllegalTransitionError, isSettled, PAYMENT_EVENTS, PAYMENT_STATUSES, transition } from './payment-state';

describe('payment state machine', () => {
  it('settles, closes or fails a pending payment', () => {
    expect(transition('pending', 'pay_succeeded')).toBe('paid');
    expect(transition('pending', 'closed')).toBe('closed');
    expect(transition('pending', 'pay_failed')).toBe('failed');
  });

  it('refunds fully or partially through refunding', () => {
    expect(transition('paid', 'refund_requested')).toBe('refunding');
    expect(transition('refunding', 'refund_succeeded', { fullyRefunded: false })).toBe('partially_refunded');
    expect(transition('partially_refunded', 'refund_requested')).toBe('refunding');
    expect(transition('refunding', 'refund_succeeded', { fullyRefunded: true })).toBe('refunded');
  });

  it('returns to the previous settled status when a refund fails', () => {
    expect(transition('refunding', 'refund_failed', { statusBeforeRefund: 'paid' })).toBe('paid');
    expect(transition('refunding', 'refund_failed', { statusBeforeRefund: 'partially_refunded' })).toBe('partially_refunded');
  });

  it('refuses a second payment, refunds of unpaid payments and anything after a terminal state', () => {
    expect(() => transition('paid', 'pay_succeeded')).toThrow(IllegalTransitionError);
    expect(() => transition('pending', 'refund_requested')).toThrow(/cannot take event refund_requested/);
    expect(() => transition('refunding', 'refund_requested')).toThrow(IllegalTransitionError);
    for (const terminal of ['closed', 'failed', 'refunded'] as const) {
      for (const event of PAYMENT_EVENTS) expect(canTransition(terminal, event)).toBe(false);
    }
  });

  it('knows which statuses hold money', () => {
    expect(PAYMENT_STATUSES.filter(isSettled)).toEqual(['paid', 'refunding', 'refunded', 'partially_refunded']);
  });
});
