import { Collections } from '../../../shared/collections';
import { findById as getById, getDatabase, MAX_PAGE_SIZE, type Page } from '../../../shared/repositories/database';
import type { PaymentEventRecord, PaymentMethod, PaymentRecord, RefundRecord } from '../domain/payment-record';
import type { PaymentStatus } from '../domain/payment-state';

export const findPayment = (paymentId: string) => getById<PaymentRecord>(Collections.payments, paymentId);
/** Orders are read through the order kernel (the one reader of `orders` documents). */
export { findOrder } from '../../../shared/orders/order-repository';

/** A create call that failed handed nothing out: its in-flight marker may go (see domain/gateway-call.ts). */
export async function clearGatewayMarker(paymentId: string): Promise<void> {
  await getDatabase()
    .collection(Collections.payments)
    .doc(paymentId)
    .update({ data: { gatewayPendingSince: null } });
}

export interface PaymentFilter {
  storeIds?: string[];
  status?: PaymentStatus;
  method?: PaymentMethod;
  openid?: string;
  orderId?: string;
  abnormalOnly?: boolean;
}

export async function listPayments(filter: PaymentFilter, page: number, pageSize: number): Promise<Page<PaymentRecord>> {
  const db = getDatabase();
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (filter.storeIds) where.storeId = _.in(filter.storeIds);
  if (filter.status) where.status = filter.status;
  if (filter.method) where.method = filter.method;
  if (filter.openid) where.openid = filter.openid;
  if (filter.orderId) where.orderId = filter.orderId;
  if (filter.abnormalOnly) where.abnormal = _.exists(true);
  const size = Math.min(pageSize, MAX_PAGE_SIZE);
  const query = db.collection<PaymentRecord>(Collections.payments).where(where);
  const [{ total }, { data }] = await Promise.all([
    query.count(),
    db
      .collection<PaymentRecord>(Collections.payments)
      .where(where)
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * size)
      .limit(size)
      .get(),
  ]);
  return { items: data, total, page, pageSize: size, hasMore: page * size < total };
}

/**
 * WeChat payments still pending that were created before `before` (oldest first, one page).
 * Abnormal ones (an amount WeChat charged that we could not book) wait for staff: asking WeChat
 * again only repeats the same answer, and left in the sweep they would fill the oldest page run
 * after run, starving every newer payment.
 */
export async function findStalePendingPayments(before: Date, limit = MAX_PAGE_SIZE): Promise<PaymentRecord[]> {
  const db = getDatabase();
  const _ = db.command;
  const { data } = await db
    .collection<PaymentRecord>(Collections.payments)
    .where({ status: 'pending', method: _.in(['wechat', 'payscore']), createdAt: _.lt(before), abnormal: _.exists(false) })
    .orderBy('createdAt', 'asc')
    .limit(Math.min(limit, MAX_PAGE_SIZE))
    .get();
  return data;
}

export async function listRefunds(paymentId: string): Promise<RefundRecord[]> {
  const { data } = await getDatabase().collection<RefundRecord>(Collections.refunds).where({ paymentId }).orderBy('sequence', 'asc').limit(MAX_PAGE_SIZE).get();
  return data;
}

export const findRefund = (refundId: string) => getById<RefundRecord>(Collections.refunds, refundId);

export async function listPaymentEvents(paymentId: string): Promise<PaymentEventRecord[]> {
  const { data } = await getDatabase()
    .collection<PaymentEventRecord>(Collections.paymentEvents)
    .where({ paymentId })
    .orderBy('at', 'asc')
    .limit(MAX_PAGE_SIZE)
    .get();
  return data;
}

/** The member's level inputs for the discount quote: their document and the programme, read together. */
export async function loadMemberPricing(openid: string): Promise<{ member: { totalEarned?: number; tickets?: number } | null; program: unknown }> {
  const [member, program] = await Promise.all([
    getById<{ totalEarned?: number; tickets?: number }>(Collections.members, openid),
    getById<unknown>(Collections.memberLevels, 'program'),
  ]);
  return { member, program };
}

/** WeChat refunds still processing that were requested before `before` (their notification may be lost). */
export async function findStaleProcessingRefunds(before: Date, limit = MAX_PAGE_SIZE): Promise<RefundRecord[]> {
  const db = getDatabase();
  const _ = db.command;
  const { data } = await db
    .collection<RefundRecord>(Collections.refunds)
    .where({ status: 'processing', method: 'wechat', createdAt: _.lt(before) })
    .orderBy('createdAt', 'asc')
    .limit(Math.min(limit, MAX_PAGE_SIZE))
    .get();
  return data;
}
