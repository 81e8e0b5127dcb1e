import type { CabinetOrderState, CabinetPaymentType } from '../../../../typings/api/cabinet-views';
import { maskPhone } from '../../../shared/domain/phone';
import { masterKeyFromEnv } from '../../../shared/domain/secret-box';
import { revealPhone } from '../../../shared/members/phone-vault';
import type { OrderRecord } from '../../../shared/orders';
import { completeSmartRetailOrder } from '../../../shared/payscore';
import type { AbnormalOrderPush, OrderPush } from '../adapters/xiaomai/protocol';
import { DEFAULT_AMOUNT_LIMIT_FEN } from '../config';
import { orderIdFor, taskIdFor } from '../domain/ids';
import type { ManualTaskRecord, SessionOrderFacts, SessionRecord } from '../domain/records';
import { decideSettlement, type Settlement } from '../domain/settlement';
import { nextSessionState } from '../domain/session-state';
import { REVIEW_REASON_TEXTS } from '../domain/texts';
import type { MemberRecord } from '../../../shared/members/member-record';
import { findMember } from '../repositories/members';
import { findProductsBySku } from '../repositories/products';
import { findSession, patchSession, updateSessionIf } from '../repositories/sessions';
import { findStore, loyaltyProgram } from '../repositories/stores';
import { openTask } from '../repositories/tasks';
import { placeCabinetOrder, type CabinetLine } from './charge';
import { cancelPayScore, releaseLocks } from './locks';

/**
 * The vendor's order after the door closed (or an abnormal order), processed once per vendor
 * order code whatever the order of arrival: the order id derives from the code, the session moves
 * only from a state that still awaits an order, and every step after the order exists can run
 * again (a retry resumes where the last attempt stopped).
 */
export async function processOrderPush(push: OrderPush | AbnormalOrderPush, abnormal: boolean): Promise<void> {
  const session = await findSession(push.requestId);
  const orderId = orderIdFor('xiaomai', push.orderCode);
  if (!session || session.deviceCode !== push.deviceCode || session.purpose !== 'shopping') {
    await unmatchedPush(push, session, orderId, session ? '推送与开门会话不符（设备或用途不同）' : '找不到推送对应的开门会话');
    return;
  }
  if (session.order && session.order.orderId !== orderId) {
    await unmatchedPush(push, session, orderId, `同一会话收到第二个厂商订单（已有 ${session.order.vendorOrderNo}）`);
    return;
  }
  if (session.order) return resume(session);

  const [store, program, member, products] = await Promise.all([
    findStore(session.storeId),
    loyaltyProgram(),
    findMember(session.openid),
    findProductsBySku(
      session.storeId,
      push.goods.filter((g) => !g.name).map((g) => g.sku),
    ),
  ]);
  const lines: CabinetLine[] = push.goods.map((g) => ({
    sku: g.sku,
    name: g.name ?? products.get(g.sku)?.name ?? g.sku,
    quantity: g.quantity,
    unitPriceFen: g.unitPriceFen,
  }));
  const decision = decideSettlement({
    lines,
    ...('totalFen' in push && push.totalFen !== undefined ? { vendorTotalFen: push.totalFen } : {}),
    ...(abnormal ? { abnormal: { reason: (push as AbnormalOrderPush).reason, description: (push as AbnormalOrderPush).description } } : {}),
    amountLimitFen: store?.amountLimitFen ?? DEFAULT_AMOUNT_LIMIT_FEN,
    method: session.method ?? 'payscore',
    ticketBalance: member?.tickets ?? 0,
    ticketsPerYuan: program.rules.ticketsPerYuan,
  });

  if (decision.kind === 'empty') return endEmpty(session, push.orderCode);

  const now = new Date();
  let phone: string | null = null;
  try {
    const revealed = member ? revealPhone(member, masterKeyFromEnv) : null;
    phone = revealed ? maskPhone(revealed) : null;
  } catch {
    phone = null;
  }
  const baseFacts = {
    deviceCode: session.deviceCode,
    sessionId: session._id,
    vendorOrderNo: push.orderCode,
    orderType: 'normal' as const,
    ticketFen: 0,
    ticketsSpent: 0,
    wechatFen: decision.totalFen,
    ...(phone ? { userPhoneMasked: phone } : {}),
  };
  const tickets = decision.kind === 'tickets' ? { ticketFen: decision.ticketFen, tickets: decision.tickets, program } : null;
  const placed = await placeCabinetOrder(
    { orderId, storeId: session.storeId, openid: session.openid, title: `${store?.name ?? ''}智能柜`, lines, facts: baseFacts, at: now },
    tickets,
  );
  const facts = factsOf(placed.order, push, decision, phone, now);
  const outcome = decision.kind === 'review' ? 'review' : facts.state === 'paid' ? 'paid' : facts.state === 'unpaid' ? 'unpaid' : 'charging';
  const to = nextSessionState(session.state, session.purpose, { type: 'order', outcome });
  if (!to.changed) return;
  // The door is known to have opened (the open timer can no longer end the session): Pay Score is
  // completed first, so the order facts and the completion are one session write. A failed
  // completion still records the order; the job's retry resumes it.
  const completeFirst =
    outcome === 'charging' && session.method === 'payscore' && !!session.paymentId && (session.state === 'opened' || session.state === 'closed');
  let completion: { paid: SessionOrderFacts } | { error: unknown } | null = null;
  if (completeFirst) completion = await completePayScore({ ...session, order: facts }, placed.order, member).catch((error: unknown) => ({ error }));
  const released = await releaseLocks(session, to.state, facts.state === 'unpaid' ? orderId : null);
  const changes: Partial<SessionRecord> = {
    state: to.state,
    orderCode: session.orderCode ?? push.orderCode,
    order: completion && 'paid' in completion ? completion.paid : facts,
    orderedAt: now,
    orderState: facts.state,
    orderType: 'normal',
    ...released,
    ...(to.state === 'paid' ? { endedAt: now } : {}),
    ...(placed.ticketsRefused ? { endReason: '礼票扣减失败，已全部回滚' } : {}),
  };
  if (!(await updateSessionIf(session._id, session.state, changes))) {
    // Another event moved the session meanwhile: judge again from what is stored now.
    const again = await findSession(session._id);
    if (again && !again.order) throw new Error('会话状态已变化，稍后重试');
    return;
  }
  const updated = { ...session, ...changes } as SessionRecord;
  if (decision.kind === 'review') {
    await openTask(reviewTask(updated, decision, now));
    return;
  }
  if (completion && 'error' in completion) throw completion.error;
  if (!completeFirst) await resume(updated, placed.order, member);
}

/** Staff retry / a queued completion: finish what the session's order still needs. */
export async function resumeSession(sessionId: string): Promise<void> {
  const session = await findSession(sessionId);
  if (session) await resume(session);
}

/** After the order exists: what is left to do (Pay Score completion), idempotently. */
async function resume(session: SessionRecord, order?: OrderRecord, member?: MemberRecord | null): Promise<void> {
  if (session.state !== 'settling' || session.method !== 'payscore' || !session.paymentId || !session.order) return;
  if (session.order.paymentIds.includes(session.paymentId)) return;
  const { paid } = await completePayScore(session, order, member);
  await patchSession(session._id, { order: paid });
}

/** The Pay Score completion of the session's order (idempotent in the kernel); the order facts it leaves. */
async function completePayScore(session: SessionRecord, order?: OrderRecord, member?: MemberRecord | null): Promise<{ paid: SessionOrderFacts }> {
  const facts = session.order!;
  const completed = await completeSmartRetailOrder(
    {
      paymentId: session.paymentId!,
      orderId: facts.orderId,
      items: facts.items.map((i) => ({ name: i.name, quantity: i.quantity, unitPriceFen: i.unitPriceFen })),
    },
    { ...(order ? { order } : {}), ...(member !== undefined ? { member } : {}) },
  );
  return { paid: { ...facts, wechatFen: completed.payableFen, paymentIds: [session.paymentId!] } };
}

function factsOf(
  order: OrderRecord,
  push: OrderPush | AbnormalOrderPush,
  decision: Exclude<Settlement, { kind: 'empty' }>,
  phone: string | null,
  now: Date,
): SessionOrderFacts {
  const cabinet = order.cabinet!;
  const ticketFen = cabinet.ticketFen;
  const dueFen = order.status === 'paid' ? 0 : decision.kind === 'tickets' ? order.totalFen - ticketFen : 0;
  let state: CabinetOrderState = 'charging';
  if (decision.kind === 'review') state = 'review';
  else if (order.status === 'paid') state = 'paid';
  else if (decision.kind === 'tickets') state = 'unpaid';
  let paymentType: CabinetPaymentType = 'payscore';
  if (decision.kind === 'tickets') paymentType = ticketFen === 0 ? 'wechat' : dueFen > 0 || order.status !== 'paid' ? 'tickets_wechat' : 'tickets';
  if (decision.kind === 'review') paymentType = 'none';
  return {
    orderId: order._id,
    vendorOrderNo: push.orderCode,
    items: order.items.map((i) => ({ sku: i.itemId ?? '', name: i.name, quantity: i.quantity, unitPriceFen: i.unitPriceFen, amountFen: i.amountFen })),
    totalFen: order.totalFen,
    paymentType,
    wechatFen: decision.kind === 'review' ? 0 : order.totalFen - ticketFen,
    ticketFen,
    ticketsSpent: cabinet.ticketsSpent,
    dueFen,
    state,
    orderType: cabinet.orderType,
    relatedOrderId: cabinet.relatedOrderId ?? null,
    userPhoneMasked: phone,
    handleStatus: 'handleStatus' in push ? push.handleStatus : null,
    videoUrl: push.videoUrl ?? null,
    abnormal: decision.kind === 'review' ? { reason: decision.reason, detail: decision.detail || null } : null,
    paymentIds: order.status === 'paid' && order.paymentId ? [order.paymentId] : [],
    orderedAt: now,
    paidAt: order.status === 'paid' ? (order.paidAt ?? now) : null,
    pointsEarned: 0,
  };
}

function reviewTask(session: SessionRecord, decision: Extract<Settlement, { kind: 'review' }>, now: Date): ManualTaskRecord {
  const kind = decision.reason === 'amount_limit' ? 'amount_review' : 'abnormal_order';
  return {
    _id: taskIdFor(kind, session.order!.orderId),
    kind,
    status: 'open',
    storeId: session.storeId,
    deviceCode: session.deviceCode,
    sessionId: session._id,
    orderId: session.order!.orderId,
    vendorOrderNo: session.order!.vendorOrderNo,
    jobId: null,
    reason: `${REVIEW_REASON_TEXTS[decision.reason]}${decision.detail ? `：${decision.detail}` : ''}`.slice(0, 200),
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    closedReason: null,
    closedBy: null,
  };
}

async function endEmpty(session: SessionRecord, orderCode: string): Promise<void> {
  const to = nextSessionState(session.state, session.purpose, { type: 'order', outcome: 'empty' });
  if (!to.changed) return;
  const released = await releaseLocks(session, to.state);
  if (
    await updateSessionIf(session._id, session.state, {
      state: to.state,
      orderCode: session.orderCode ?? orderCode,
      endedAt: new Date(),
      endReason: '未取商品',
      ...released,
    })
  ) {
    await cancelPayScore(session, '未取商品');
  }
}

async function unmatchedPush(push: OrderPush | AbnormalOrderPush, session: SessionRecord | null, orderId: string, reason: string): Promise<void> {
  const now = new Date();
  await openTask({
    _id: taskIdFor('order_processing', push.orderCode),
    kind: 'order_processing',
    status: 'open',
    storeId: session?.storeId ?? null,
    deviceCode: push.deviceCode,
    sessionId: session?._id ?? null,
    orderId: null,
    vendorOrderNo: push.orderCode,
    jobId: null,
    reason: `${reason}（厂商订单 ${push.orderCode}，${push.goods.length} 种商品）`.slice(0, 200),
    attempts: 1,
    createdAt: now,
    updatedAt: now,
    closedReason: null,
    closedBy: null,
  });
  void orderId;
}
