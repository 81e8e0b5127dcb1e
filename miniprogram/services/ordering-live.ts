/**
 * Live views of table ordering for the pages: the table's cart, one table order, a store's
 * kitchen board. Each returns `{ close() }` and calls `onChange` when something changed; the page
 * re-reads through its service. PROVISIONAL: polls every few seconds until services/live.ts
 * (branch qr-live: watch in the cloud, the emulator's equivalent locally) is merged — pages do not
 * change when it is.
 */
export interface LiveSubscription {
  close(): void;
}

const POLL_MS = 3000;

function poll(onChange: () => void): LiveSubscription {
  const timer = setInterval(onChange, POLL_MS);
  return { close: () => clearInterval(timer) };
}

export function watchTableCart(_tableId: string, _cartRound: number, onChange: () => void): LiveSubscription {
  return poll(onChange);
}

export function watchTableOrder(_orderId: string, onChange: () => void): LiveSubscription {
  return poll(onChange);
}

export function watchKitchen(_storeId: string, onChange: () => void): LiveSubscription {
  return poll(onChange);
}
