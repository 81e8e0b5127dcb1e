import { holdsDevice, holdsDiner, nextSessionState } from './session-state';

describe('door session state machine', () => {
  it('follows the normal shopping path', () => {
    expect(nextSessionState('opening', 'shopping', { type: 'door_opened' })).toEqual({ changed: true, state: 'opened' });
    expect(nextSessionState('opened', 'shopping', { type: 'door_closed' })).toEqual({ changed: true, state: 'closed' });
    expect(nextSessionState('closed', 'shopping', { type: 'order', outcome: 'charging' })).toEqual({ changed: true, state: 'settling' });
    expect(nextSessionState('settling', 'shopping', { type: 'paid' })).toEqual({ changed: true, state: 'paid' });
  });

  it('takes the order before door.closed, and ignores the late door.closed', () => {
    const order = nextSessionState('opened', 'shopping', { type: 'order', outcome: 'paid' });
    expect(order).toEqual({ changed: true, state: 'paid' });
    expect(nextSessionState(order.state, 'shopping', { type: 'door_closed' }).changed).toBe(false);
  });

  it('ignores a duplicate door.opened and a second order', () => {
    expect(nextSessionState('opened', 'shopping', { type: 'door_opened' }).changed).toBe(false);
    expect(nextSessionState('settling', 'shopping', { type: 'order', outcome: 'charging' }).changed).toBe(false);
    expect(nextSessionState('paid', 'shopping', { type: 'order', outcome: 'empty' }).changed).toBe(false);
  });

  it('ends a session whose door never opened, and not one that opened', () => {
    expect(nextSessionState('opening', 'shopping', { type: 'open_timeout' })).toEqual({ changed: true, state: 'timeout' });
    expect(nextSessionState('opened', 'shopping', { type: 'open_timeout' }).changed).toBe(false);
    expect(nextSessionState('timeout', 'shopping', { type: 'door_opened' }).changed).toBe(false);
  });

  it('confirm mode: confirmed → opening, cancel only while confirming, no order while confirming', () => {
    expect(nextSessionState('confirming', 'shopping', { type: 'confirmed' }).state).toBe('opening');
    expect(nextSessionState('confirming', 'shopping', { type: 'cancel' }).state).toBe('cancelled');
    expect(nextSessionState('opened', 'shopping', { type: 'cancel' }).changed).toBe(false);
    expect(nextSessionState('confirming', 'shopping', { type: 'order', outcome: 'charging' }).changed).toBe(false);
  });

  it('review: approved or rejected', () => {
    expect(nextSessionState('review', 'shopping', { type: 'approved', outcome: 'charging' }).state).toBe('settling');
    expect(nextSessionState('review', 'shopping', { type: 'rejected' }).state).toBe('cancelled');
    expect(nextSessionState('paid', 'shopping', { type: 'rejected' }).changed).toBe(false);
  });

  it('restock sessions end when the door closes and take no order', () => {
    expect(nextSessionState('opened', 'restock', { type: 'door_closed' }).state).toBe('restocked');
    expect(nextSessionState('opened', 'restock', { type: 'order', outcome: 'charging' }).changed).toBe(false);
  });

  it('holds the device until the door closes and the diner until the order is in', () => {
    expect((['opening', 'opened', 'closed', 'settling'] as const).map((s) => holdsDevice(s))).toEqual([true, true, false, false]);
    expect((['opening', 'opened', 'closed', 'settling', 'unpaid'] as const).map((s) => holdsDiner(s))).toEqual([true, true, true, false, false]);
  });
});
