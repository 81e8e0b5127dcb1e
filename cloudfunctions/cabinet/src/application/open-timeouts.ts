import { nextSessionState } from '../domain/session-state';
import { findOpenTimedOut, updateSessionIf } from '../repositories/sessions';
import { endWithoutOrder } from './locks';

/**
 * The door did not open within the configured time (CABINET_OPEN_TIMEOUT_SECONDS): the session
 * ends, the device and the diner are free again and the Pay Score order is cancelled (nothing
 * charged). A door.opened arriving later changes nothing (session-state.ts).
 */
export async function endTimedOutSessions(now = new Date()): Promise<{ ended: number }> {
  const due = await findOpenTimedOut(now);
  let ended = 0;
  for (const session of due) {
    const to = nextSessionState(session.state, session.purpose, { type: 'open_timeout' });
    if (!to.changed) continue;
    const reason = session.state === 'confirming' ? '未在规定时间内确认支付分' : '柜门未在规定时间内打开';
    if (!(await updateSessionIf(session._id, session.state, { state: to.state, endedAt: now, endReason: reason }))) continue;
    await endWithoutOrder(session, to.state, reason);
    ended++;
  }
  return { ended };
}
