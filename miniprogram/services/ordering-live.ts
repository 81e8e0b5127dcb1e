import { api } from './api';
import { watchStoreOrders, watchTableCart as watchCartLines, watchTableOrders, type LiveSubscription } from './live';

/**
 * Live views of table ordering as the pages use them: something changed → `onChange()`, and the
 * page reads again through its service (one mapping of documents to views: the backend's). On
 * top of services/live.ts (watch in the cloud, the emulator's watch socket locally, reconnect with
 * backoff) this adds two things pages need: bursts of changes (20 diners editing one cart) are
 * coalesced into one re-read, and a live view the platform gives up on (permission, limit) falls
 * back to a slow poll instead of freezing the screen. The kitchen's watch needs a live grant for the
 * store (ordering.startLiveView, read by the security rule of `orders`): asked for before watching
 * and renewed well before it expires; the diner's grant for a table comes with resolveTable.
 */
export type { LiveSubscription };

/** Changes within this window cause one re-read. */
export const COALESCE_MS = 150;
/** The poll that stands in for a live view the platform refused. */
export const FALLBACK_POLL_MS = 10_000;

function live(open: (onDocs: () => void, onError: () => void) => LiveSubscription, onChange: () => void): LiveSubscription {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const changed = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) onChange();
    }, COALESCE_MS);
  };
  const subscription = open(changed, () => {
    if (!closed && !poll) poll = setInterval(changed, FALLBACK_POLL_MS);
  });
  return {
    close() {
      closed = true;
      subscription.close();
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
    },
  };
}

/** The table's shared cart in one round (placing opens the next round: watch again with it). */
export function watchTableCart(tableId: string, cartRound: number, onChange: () => void): LiveSubscription {
  return live((onDocs, onError) => watchCartLines({ tableId, round: cartRound }, onDocs, onError), onChange);
}

/** The table's active orders, for 订单状态 (any diner at the table sees the order move). */
export function watchTableOrder(tableId: string, onChange: () => void): LiveSubscription {
  return live((onDocs, onError) => watchTableOrders(tableId, onDocs, onError), onChange);
}

/** A store grant lasts 12 hours; the board renews it after 6. */
export const KITCHEN_GRANT_RENEW_MS = 6 * 3600_000;

/** The store's active table orders, for 后厨看板 (staff of the store). */
export function watchKitchen(storeId: string, onChange: () => void): LiveSubscription {
  let closed = false;
  let watching: LiveSubscription | null = null;
  const renew = setInterval(() => void api.ordering.startLiveView({ storeId }).catch(() => undefined), KITCHEN_GRANT_RENEW_MS);
  const begin = () => {
    if (!closed) watching = live((onDocs, onError) => watchStoreOrders(storeId, onDocs, onError), onChange);
  };
  // without a grant the watch is refused and falls back to the poll: start it either way
  api.ordering.startLiveView({ storeId }).then(begin, begin);
  return {
    close() {
      closed = true;
      clearInterval(renew);
      watching?.close();
    },
  };
}
