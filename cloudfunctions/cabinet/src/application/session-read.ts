import type { SessionView } from '../../../../typings/api/cabinet-views';
import { findOrder } from '../../../shared/orders';
import { AppError } from '../../../shared/kit';
import type { SessionRecord } from '../domain/records';
import { nextSessionState } from '../domain/session-state';
import { Errors } from '../errors';
import { findDiner, forgetOwed } from '../repositories/diners';
import { findSession, updateSessionIf } from '../repositories/sessions';
import { findStore } from '../repositories/stores';
import { sessionView } from './views';

/**
 * A session as it is now. Money that arrived through the payment function (Pay Score USER_PAID,
 * the WeChat Pay remainder) shows on the order, not on the session: a session still waiting for it
 * reads its order and, once paid, records that (one read while waiting, nothing after).
 */
export async function currentState(session: SessionRecord): Promise<SessionRecord> {
  if (!session.order || (session.state !== 'settling' && session.state !== 'unpaid')) return session;
  const order = await findOrder(session.order.orderId);
  if (order?.status !== 'paid') return session;
  const to = nextSessionState(session.state, session.purpose, { type: 'paid' });
  if (!to.changed) return session;
  const paidAt = order.paidAt ?? new Date();
  const facts = { ...session.order, state: 'paid' as const, paidAt, dueFen: 0, wechatFen: order.paidFen ?? session.order.wechatFen };
  if (await updateSessionIf(session._id, session.state, { state: 'paid', order: facts, orderState: 'paid', endedAt: paidAt })) {
    if (session.state === 'unpaid') await forgetOwed(session.openid, [session.order.orderId], new Date());
  }
  return { ...session, state: 'paid', order: facts, orderState: 'paid', endedAt: paidAt };
}

export async function getSession(openid: string, sessionId: string): Promise<SessionView<Date>> {
  const found = await findSession(sessionId);
  if (!found || found.openid !== openid) throw new AppError(Errors.SESSION_NOT_FOUND);
  const [session, store] = await Promise.all([currentState(found), findStore(found.storeId)]);
  return sessionView(session, store?.name ?? null);
}

/** The diner's session that is not over yet (the page resumes 购物中), or null. */
export async function getCurrentSession(openid: string): Promise<SessionView<Date> | null> {
  const diner = await findDiner(openid);
  if (!diner?.sessionId) return null;
  const found = await findSession(diner.sessionId);
  if (!found) return null;
  const session = await currentState(found);
  if (['paid', 'empty', 'timeout', 'failed', 'cancelled', 'restocked'].includes(session.state)) return null;
  const store = await findStore(session.storeId);
  return sessionView(session, store?.name ?? null);
}
