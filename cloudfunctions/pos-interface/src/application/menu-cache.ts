import type { MenuItemDoc } from '../domain/menu-item';
import { findMenuItemsByIds } from '../repositories/menu-item-repository';

/**
 * Menu items a warm instance has read recently. Order sync needs the dishes' carbon on every
 * order, but menus change rarely; caching them for a short while keeps the order path at
 * three round trips. A menu sync handled by this instance invalidates its store at once;
 * other instances see the change within TTL (meanwhile orders use the previous recipe).
 * Unknown dishes are not cached, so a dish synced after its first order is found at once.
 */
export const MENU_CACHE_TTL_MS = 30_000;

const cache = new Map<string, { item: MenuItemDoc; expiresAt: number }>();

export async function loadMenuItems(ids: readonly string[], now = Date.now()): Promise<Map<string, MenuItemDoc>> {
  const found = new Map<string, MenuItemDoc>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(id);
    if (hit && hit.expiresAt > now) found.set(id, hit.item);
    else missing.push(id);
  }
  if (missing.length) {
    for (const item of await findMenuItemsByIds(missing)) {
      found.set(item._id, item);
      cache.set(item._id, { item, expiresAt: now + MENU_CACHE_TTL_MS });
    }
    if (cache.size > 5000) {
      for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
    }
  }
  return found;
}

export function invalidateMenuItems(ids: readonly string[]): void {
  for (const id of ids) cache.delete(id);
}

export function invalidateStoreMenu(storeId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${storeId}:`)) cache.delete(key);
}
