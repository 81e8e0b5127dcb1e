import { Collections } from '../../../shared/collections';
import { getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { MenuItemDoc } from '../domain/menu-item';
import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { replaceFields } from './replace-fields';
import { chunkForWrite } from './write-chunks';

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

/** Items per bulk `add`, and JSON bytes per `add` (a sixth of the 6 MB request cap; recipes can be long). */
const MAX_ITEMS_PER_ADD = 200;
const MAX_BYTES_PER_ADD = 1024 * 1024;

/**
 * New items in bulk adds. A concurrent sync may have created some of the same dishes since we
 * read them: then the chunk's add fails as a whole, its missing items are added one by one, and
 * the ones already there are returned as `existing`, so the caller compares against them and
 * updates instead (two syncs of the same new dish both succeed, as they would one after the other).
 */
export async function insertMenuItems(docs: readonly MenuItemDoc[]): Promise<{ existing: MenuItemDoc[] }> {
  const existing: MenuItemDoc[] = [];
  for (const chunk of chunkForWrite(docs, MAX_ITEMS_PER_ADD, MAX_BYTES_PER_ADD)) {
    try {
      await menuItems().add({ data: chunk });
      continue;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const present = new Map((await findMenuItemsByIds(chunk.map((d) => d._id))).map((d) => [d._id, d]));
    const lost: string[] = [];
    await Promise.all(
      chunk
        .filter((d) => !present.has(d._id))
        .map(async (doc) => {
          try {
            await menuItems().add({ data: doc });
          } catch (error) {
            if (!isDuplicateKeyError(error)) throw error;
            lost.push(doc._id);
          }
        }),
    );
    // Created by another sync between our read and our add.
    for (const doc of await findMenuItemsByIds(lost)) present.set(doc._id, doc);
    existing.push(...present.values());
  }
  return { existing };
}

/** Changed items, field by field (fields other contexts keep on a menu item survive), 20 writes in flight. */
export async function updateMenuItems(changed: readonly MenuItemDoc[]): Promise<void> {
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
