import { watchStoreOrders, watchTableCart as watchCartLines, watchTableOrders, type LiveSubscription } from './live';

/**
 * Live views of table ordering as the pages use them: something changed → `onChange()`, and the
 * page reads again through its service (one mapping of documents to views: the backend's). On
 * top of services/live.ts (watch in the cloud, the emulator's watch socket locally, reconnect with
 * backoff) this adds two things pages need: bursts of changes (20 diners editing one cart) are
 * coalesced into one re-read, and a live view the platform gives up on (permission, limit) falls
 * back to a slow poll instead of freezing the screen.
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

/** The store's active table orders, for 后厨看板. */
export function watchKitchen(storeId: string, onChange: () => void): LiveSubscription {
  return live((onDocs, onError) => watchStoreOrders(storeId, onDocs, onError), onChange);
}
