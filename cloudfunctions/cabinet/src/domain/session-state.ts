import type { SessionPurpose, SessionState } from '../../../../typings/api/cabinet-views';

/**
 * The door session's state machine (pure). Vendor events arrive late, twice or out of order (the
 * order before door.closed, a duplicate door.opened): every event is judged against the current
 * state, and one that no longer applies changes nothing, so whatever the order of arrival one
 * session ends in one state with at most one order. docs/cabinet.md draws the diagram.
 */
export type SessionEvent =
  /** confirm mode: the diner confirmed the Pay Score order in WeChat */
  | { type: 'confirmed' }
  /** confirm mode: the diner gave up before the door opened */
  | { type: 'cancel' }
  /** the vendor refused the open command, or it could not be delivered after every retry */
  | { type: 'command_failed' }
  | { type: 'door_opened' }
  | { type: 'door_open_failed' }
  | { type: 'door_closed' }
  /** the door did not open in time */
  | { type: 'open_timeout' }
  /** the vendor's order, decided: nothing taken, staff review, being charged, paid at once (tickets), money still due */
  | { type: 'order'; outcome: 'empty' | 'review' | 'charging' | 'paid' | 'unpaid' }
  /** the money arrived (Pay Score USER_PAID, the remainder paid, staff approved and it was charged) */
  | { type: 'paid' }
  /** staff approved a reviewed order and charged it / left money due */
  | { type: 'approved'; outcome: 'charging' | 'paid' | 'unpaid' }
  /** staff closed a reviewed order without charging */
  | { type: 'rejected' };

export type SessionTransition = { changed: true; state: SessionState } | { changed: false; state: SessionState; ignored: string };

const WAITING_FOR_DOOR: readonly SessionState[] = ['confirming', 'opening'];
/** before the vendor's order arrived */
const BEFORE_ORDER: readonly SessionState[] = ['confirming', 'opening', 'opened', 'closed'];

const move = (state: SessionState): SessionTransition => ({ changed: true, state });
const stay = (state: SessionState, ignored: string): SessionTransition => ({ changed: false, state, ignored });

export function nextSessionState(state: SessionState, purpose: SessionPurpose, event: SessionEvent): SessionTransition {
  switch (event.type) {
    case 'confirmed':
      return state === 'confirming' ? move('opening') : stay(state, 'not_confirming');
    case 'cancel':
      return state === 'confirming' ? move('cancelled') : stay(state, 'not_confirming');
    case 'command_failed':
    case 'door_open_failed':
      return WAITING_FOR_DOOR.includes(state) ? move('failed') : stay(state, 'door_already_answered');
    case 'open_timeout':
      return WAITING_FOR_DOOR.includes(state) ? move('timeout') : stay(state, 'door_already_opened');
    case 'door_opened':
      return WAITING_FOR_DOOR.includes(state) ? move('opened') : stay(state, 'already_opened');
    case 'door_closed':
      if (state === 'opening' || state === 'opened') return move(purpose === 'restock' ? 'restocked' : 'closed');
      return stay(state, 'already_closed');
    case 'order':
      if (purpose === 'restock') return stay(state, 'restock_has_no_order');
      if (!BEFORE_ORDER.includes(state) || state === 'confirming') return stay(state, 'order_already_received');
      return move(event.outcome === 'charging' ? 'settling' : event.outcome);
    case 'paid':
      return state === 'settling' || state === 'unpaid' ? move('paid') : stay(state, 'not_awaiting_money');
    case 'approved':
      return state === 'review' ? move(event.outcome === 'charging' ? 'settling' : event.outcome) : stay(state, 'not_in_review');
    case 'rejected':
      return state === 'review' ? move('cancelled') : stay(state, 'not_in_review');
  }
}

/** While the door may still open or stand open the device is this session's (one session per device). */
export function holdsDevice(state: SessionState): boolean {
  return state === 'confirming' || state === 'opening' || state === 'opened';
}

/** Until the order is in, the diner may not start another session (one session per diner). */
export function holdsDiner(state: SessionState): boolean {
  return BEFORE_ORDER.includes(state);
}
