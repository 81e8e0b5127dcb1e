import { Collections } from '../../../shared/collections';
import { getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { MenuItemDoc } from '../domain/menu-item';
import { replaceFields } from './replace-fields';

const menuItems = () => getDatabase().collection<MenuItemDoc>(Collections.menuItems);

/** `_id in [...]` in pages of 100, fetched in parallel: one round trip per 100 ids. */
export async function findMenuItemsByIds(ids: readonly string[]): Promise<MenuItemDoc[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const _ = getDatabase().command;
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += MAX_PAGE_SIZE) chunks.push(unique.slice(i, i + MAX_PAGE_SIZE));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      menuItems()
        .where({ _id: _.in(chunk) })
        .limit(MAX_PAGE_SIZE)
        .get(),
    ),
  );
  return pages.flatMap((page) => page.data);
}

/** Recipe fields a push may drop: absent in the new version means "no longer there". */
const OPTIONAL_RECIPE_FIELDS = ['ingredients', 'cookingMethod', 'supplierFactors'] as const;

/**
 * New items in one bulk add; changed items updated field by field (fields other contexts keep
 * on a menu item survive), 20 writes in flight.
 */
export async function saveMenuItems(created: readonly MenuItemDoc[], changed: readonly MenuItemDoc[]): Promise<void> {
  if (created.length) await menuItems().add({ data: [...created] });
  for (let i = 0; i < changed.length; i += 20) {
    await Promise.all(
      changed.slice(i, i + 20).map(({ _id, ...fields }) => {
        const removed = Object.fromEntries(OPTIONAL_RECIPE_FIELDS.filter((f) => fields[f] === undefined).map((f) => [f, getDatabase().command.remove()]));
        return menuItems()
          .doc(_id)
          .update({ data: { ...replaceFields(fields), ...removed } });
      }),
    );
  }
}

/** Full sync: the POS's menu is the truth, so active items it did not send become inactive. */
export async function deactivateMenuItemsNotIn(storeId: string, keepItemIds: readonly string[], now: Date): Promise<number> {
  const _ = getDatabase().command;
  const { stats } = await menuItems()
    .where({ storeId, status: 'active', itemId: _.nin([...keepItemIds]) })
    .update({ data: { status: 'inactive', updatedAt: now } });
  return stats.updated;
}
