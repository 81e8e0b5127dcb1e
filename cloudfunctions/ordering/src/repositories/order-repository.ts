import { Collections } from '../../../shared/collections';
import { getDatabase, isNotFound, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { OrderRecord } from '../domain/order-view';

export interface MyOrdersQuery {
  openid: string;
  page: number;
  /** at most MAX_PAGE_SIZE: one server-side get */
  pageSize: number;
}

/** Only what the diner's views show: never anything another context keeps on the order. */
const VIEW_FIELDS = {
  _id: true,
  storeId: true,
  openid: true,
  source: true,
  title: true,
  items: true,
  totalFen: true,
  status: true,
  paymentId: true,
  paymentMethod: true,
  paidFen: true,
  paidAt: true,
  refundStatus: true,
  refundedFen: true,
  createdAt: true,
} as const;

/** The caller's orders, newest first (id breaks ties so pages are stable); count and page in parallel. */
export async function listOrdersOf(query: MyOrdersQuery): Promise<{ items: OrderRecord[]; total: number }> {
  const orders = getDatabase().collection<OrderRecord>(Collections.orders);
  const condition = { openid: query.openid };
  const pageSize = Math.min(query.pageSize, MAX_PAGE_SIZE);
  const [{ total }, { data }] = await Promise.all([
    orders.where(condition).count(),
    orders
      .where(condition)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip((query.page - 1) * pageSize)
      .limit(pageSize)
      .field(VIEW_FIELDS)
      .get(),
  ]);
  return { items: data, total };
}

export async function findOrderById(orderId: string): Promise<OrderRecord | null> {
  try {
    const { data } = await getDatabase().collection<OrderRecord>(Collections.orders).doc(orderId).get();
    return data ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** id → name for up to MAX_PAGE_SIZE stores in one get; unknown ids are simply absent. */
export async function findStoreNames(storeIds: string[]): Promise<Map<string, string>> {
  if (storeIds.length === 0) return new Map();
  const db = getDatabase();
  const { data } = await db
    .collection<{ _id: string; name?: string }>(Collections.stores)
    .where({ _id: db.command.in(storeIds.slice(0, MAX_PAGE_SIZE)) })
    .limit(MAX_PAGE_SIZE)
    .field({ _id: true, name: true })
    .get();
  return new Map(data.map((store) => [store._id, store.name ?? '']));
}
