import { Collections } from '../../../shared/collections';
import { getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { MenuItemDoc } from '../domain/menu-item';

/**
 * A store's whole menu, read in pages of 100 (the server-side get() limit) by _id order.
 * Keyset paging (_id > last) keeps each read as cheap as the first, unlike skip().
 * `since` limits it to items changed after an instant (incremental push).
 */
export async function readStoreMenu(storeId: string, since?: Date, maxItems = 5000): Promise<MenuItemDoc[]> {
  const _ = getDatabase().command;
  const items: MenuItemDoc[] = [];
  let after: string | undefined;
  while (items.length < maxItems) {
    const where: Record<string, unknown> = { storeId };
    if (after !== undefined) where._id = _.gt(after);
    if (since) where.updatedAt = _.gt(since);
    const { data } = await getDatabase().collection<MenuItemDoc>(Collections.menuItems).where(where).orderBy('_id', 'asc').limit(MAX_PAGE_SIZE).get();
    items.push(...data);
    if (data.length < MAX_PAGE_SIZE) break;
    after = data[data.length - 1]._id;
  }
  return items.slice(0, maxItems);
}
