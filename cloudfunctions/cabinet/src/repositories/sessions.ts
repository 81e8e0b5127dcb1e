import { Collections } from '../../../shared/collections';
import { findById, getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { CabinetOrderState, CabinetOrderType, SessionState } from '../../../../typings/api/cabinet-views';
import type { SessionRecord } from '../domain/records';

/**
 * An update merges nested objects field by field (CloudBase semantics), and cannot create fields
 * inside a null: object values (the order facts, the command) are replaced whole with `_.set`.
 */
function whole(changes: Partial<SessionRecord>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    out[key] = value && typeof value === 'object' && !(value instanceof Date) ? getDatabase().command.set(value) : value;
  }
  return out;
}

const sessions = () => getDatabase().collection<SessionRecord>(Collections.cabinetSessions);
const _ = () => getDatabase().command;

export async function findSession(sessionId: string): Promise<SessionRecord | null> {
  return findById<SessionRecord>(Collections.cabinetSessions, sessionId);
}

/** Inserts a new session; false when the id exists (the same diner and requestId: a replay). */
export async function insertSession(session: SessionRecord): Promise<void> {
  await sessions().add({ data: session });
}

/**
 * Writes a change only if the session is still in the state it was read in: two vendor events
 * racing on one session cannot both move it (the loser re-reads and is judged again).
 */
export async function updateSessionIf(sessionId: string, expected: SessionState, changes: Partial<SessionRecord>): Promise<boolean> {
  const { stats } = await sessions()
    .where({ _id: sessionId, state: expected })
    .update({ data: { ...whole(changes), updatedAt: new Date() } });
  return stats.updated === 1;
}

/** A change that does not move the state (closedAt of a late door.closed, lock flags). */
export async function patchSession(sessionId: string, changes: Partial<SessionRecord>): Promise<void> {
  await sessions()
    .doc(sessionId)
    .update({ data: { ...whole(changes), updatedAt: new Date() } });
}

/** Sessions whose door should have opened by now (the timer ends them). */
export async function findOpenTimedOut(now: Date, limit = 50): Promise<SessionRecord[]> {
  const { data } = await sessions()
    .where({ state: _().in(['opening', 'confirming']), openDeadline: _().lt(now) })
    .orderBy('openDeadline', 'asc')
    .limit(limit)
    .get();
  return data;
}

export async function findDeviceCurrentSession(sessionId: string | null): Promise<SessionRecord | null> {
  return sessionId ? findSession(sessionId) : null;
}

export interface OrderListFilter {
  storeIds: string[] | null;
  deviceCode?: string;
  from?: Date;
  to?: Date;
  state?: CabinetOrderState;
  orderType?: CabinetOrderType;
}

/** Sessions that produced an order (the staff 订单 list), newest first. */
export async function pageOrderSessions(filter: OrderListFilter, page: number, pageSize: number): Promise<{ items: SessionRecord[]; total: number }> {
  const where: Record<string, unknown> = {
    orderedAt: filter.from || filter.to ? _().and([_().gte(filter.from ?? new Date(0)), _().lt(filter.to ?? new Date(8.64e15))]) : _().neq(null),
  };
  if (filter.storeIds) where.storeId = _().in(filter.storeIds);
  if (filter.deviceCode) where.deviceCode = filter.deviceCode;
  if (filter.state) where.orderState = filter.state;
  if (filter.orderType) where.orderType = filter.orderType;
  const [{ data }, { total }] = await Promise.all([
    sessions()
      .where(where)
      .orderBy('orderedAt', 'desc')
      .orderBy('_id', 'desc')
      .skip((page - 1) * pageSize)
      .limit(Math.min(pageSize, MAX_PAGE_SIZE))
      .get(),
    sessions().where(where).count(),
  ]);
  return { items: data, total };
}

export async function findSessionByOrderId(orderId: string): Promise<SessionRecord | null> {
  const { data } = await sessions().where({ 'order.orderId': orderId }).limit(1).get();
  return data[0] ?? null;
}

/** Sessions still waiting for money (charging / unpaid), to see whether the payment function settled them. */
export async function findAwaitingMoney(storeIds: string[] | null, limit = MAX_PAGE_SIZE): Promise<SessionRecord[]> {
  const where: Record<string, unknown> = { orderState: _().in(['charging', 'unpaid']) };
  if (storeIds) where.storeId = _().in(storeIds);
  const { data } = await sessions().where(where).orderBy('orderedAt', 'desc').limit(limit).get();
  return data;
}
