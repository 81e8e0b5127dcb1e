import { api } from './api';
import { watchQuery, WatchErrors, type LiveSubscription } from './transport';
import type { ApiError } from './errors';

/**
 * Live views (issue 13): the kitchen board, the shared table cart and a diner's order update
 * without a manual refresh. Pages call these functions and never know the mode: the transport
 * watches through `db.collection().watch()` in the cloud and through the emulator's watch socket
 * locally, reconnecting with backoff when WeChat drops the socket (-402004 after the screen was
 * off, -402002 when re-watching too soon).
 *
 * Every query stays far below CloudBase's 5,000 records per listener: active orders of ONE store,
 * the cart of ONE table, ONE order. The security rules that let only the store's staff or the
 * right diner read these collections are declared in `cloudfunctions/shared/orders/database.ts`
 * and `cloudfunctions/ordering/database.ts` (docs/live-updates.md); a refused query ends with
 * onError (40301-like ApiError code -502003), not with an empty list.
 *
 * Each function returns `{ close() }`: call it in the page's onUnload / onHide.
 */
export type { LiveSubscription };

/** Collections the live views read (names owned by shared/orders and ordering). */
export const LIVE_COLLECTIONS = { orders: 'orders', cartLines: 'table_cart_lines' } as const;

/** Order statuses the kitchen board shows (completed / cancelled / closed orders drop out). */
export const ACTIVE_ORDER_STATUSES = ['pending', 'paid', 'confirmed', 'preparing', 'serving'] as const;

/** The most active orders one board listens to: far below the 5,000 records a listener may cover. */
export const KITCHEN_ORDER_LIMIT = 200;

/** A live order document in wire form (times are ISO strings). Fields beyond these come from the table flow. */
export interface LiveOrderDoc {
  _id: string;
  storeId: string;
  openid?: string;
  status: string;
  items: { itemId?: string; name: string; quantity: number; unitPriceFen: number; amountFen: number }[];
  totalFen: number;
  createdAt?: string;
  updatedAt?: string;
  table?: Record<string, unknown>;
  [field: string]: unknown;
}

/** One line of a shared table cart in wire form. */
export interface LiveCartLineDoc {
  _id: string;
  tableId: string;
  round: number;
  quantity: number;
  storeId?: string;
  [field: string]: unknown;
}

export type LiveErrorHandler = (error: ApiError) => void;

/** Ask for a new store grant this long before the current one ends. */
export const GRANT_RENEW_MARGIN_MS = 10 * 60_000;

/**
 * The store's active table orders, oldest first (后厨看板). Staff of the store only: the board
 * first takes a live grant for the store (`ordering.startLiveView`, which the backend refuses to
 * other stores' staff), renews it before it ends, and watches once more if the grant ran out
 * meanwhile. Refusals reach `onError` (40301 from the backend, -502003 from the rules).
 */
export function watchStoreOrders(storeId: string, onChange: (orders: LiveOrderDoc[]) => void, onError?: LiveErrorHandler): LiveSubscription {
  let closed = false;
  let inner: LiveSubscription | undefined;
  let renewal: ReturnType<typeof setTimeout> | undefined;
  let regranted = false;

  const grant = async (): Promise<boolean> => {
    try {
      const { expiresAt } = await api.ordering.startLiveView({ storeId });
      if (closed) return false;
      const renewIn = Math.max(60_000, new Date(expiresAt).getTime() - Date.now() - GRANT_RENEW_MARGIN_MS);
      renewal = setTimeout(() => void grant(), renewIn);
      return true;
    } catch (error) {
      if (!closed) onError?.(error as ApiError);
      return false;
    }
  };
  const watch = () => {
    inner = watchQuery<LiveOrderDoc>(
      {
        collection: LIVE_COLLECTIONS.orders,
        where: { storeId, source: 'table', status: { $in: [...ACTIVE_ORDER_STATUSES] } },
        orderBy: { field: 'createdAt', direction: 'asc' },
        limit: KITCHEN_ORDER_LIMIT,
      },
      {
        onSnapshot: onChange,
        onError: (error) => {
          // A grant that ran out (phone asleep past the renewal): one fresh grant, then watch again.
          if (error.code === WatchErrors.PERMISSION_DENIED && !regranted && !closed) {
            regranted = true;
            void grant().then((ok) => ok && !closed && watch());
            return;
          }
          onError?.(error);
        },
      },
    );
  };
  void grant().then((ok) => ok && !closed && watch());
  return {
    close() {
      closed = true;
      if (renewal) clearTimeout(renewal);
      inner?.close();
    },
  };
}

/**
 * The lines of one table's shared cart in one round (`TableSession.cartRound`; placing an order
 * opens the next round: watch again with it). Lines with quantity 0 are gone from the cart.
 * Diners who opened the table's code only.
 */
export function watchTableCart(
  cart: { tableId: string; round: number },
  onChange: (lines: LiveCartLineDoc[]) => void,
  onError?: LiveErrorHandler,
): LiveSubscription {
  return watchQuery<LiveCartLineDoc>(
    { collection: LIVE_COLLECTIONS.cartLines, where: { tableId: cart.tableId, round: cart.round } },
    { onSnapshot: (lines) => onChange(lines.filter((line) => line.quantity !== 0)), onError },
  );
}

/** The table's active orders (订单状态 at the table). Diners who opened the table's code only. */
export function watchTableOrders(tableId: string, onChange: (orders: LiveOrderDoc[]) => void, onError?: LiveErrorHandler): LiveSubscription {
  return watchQuery<LiveOrderDoc>(
    { collection: LIVE_COLLECTIONS.orders, where: { 'table.tableId': tableId, status: { $in: [...ACTIVE_ORDER_STATUSES] } }, limit: 50 },
    { onSnapshot: onChange, onError },
  );
}

/** One of the caller's own orders (订单状态), or null once it is gone. */
export function watchMyOrder(orderId: string, onChange: (order: LiveOrderDoc | null) => void, onError?: LiveErrorHandler): LiveSubscription {
  return watchQuery<LiveOrderDoc>(
    // '{openid}' is replaced by the caller's openid server-side: the rule `doc.openid == auth.openid` then holds.
    { collection: LIVE_COLLECTIONS.orders, where: { _id: orderId, openid: '{openid}' }, limit: 1 },
    { onSnapshot: (docs) => onChange(docs[0] ?? null), onError },
  );
}
