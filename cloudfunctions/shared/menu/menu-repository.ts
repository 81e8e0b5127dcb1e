import { Collections } from '../collections';
import { programFromDocument } from '../members/program';
import { findById, getDatabase, MAX_PAGE_SIZE, type Transaction } from '../repositories/database';
import type { MenuItemDoc } from './menu-item';
import { buildMenuSnapshot, type CategoryDoc, type MenuSnapshotDoc } from './menu-snapshot';

/**
 * The menu kernel's persistence: one menu per store (`menu_items`, shared with the POS menu
 * sync), its categories, the diner's snapshot and the queue of pushes to the store's POS. Both
 * ordering (staff menu management, the diner's menu) and pos-interface write through here.
 */
const db = () => getDatabase();
const items = () => db().collection<MenuItemDoc>(Collections.menuItems);
const categories = () => db().collection<CategoryDoc>(Collections.menuCategories);
const snapshots = () => db().collection<MenuSnapshotDoc>(Collections.menuSnapshots);

export function findMenuItem(dishId: string): Promise<MenuItemDoc | null> {
  return findById<MenuItemDoc>(Collections.menuItems, dishId);
}

export async function listMenuItems(query: {
  storeId: string;
  categoryId?: string;
  page: number;
  pageSize: number;
}): Promise<{ items: MenuItemDoc[]; total: number }> {
  const condition: Record<string, unknown> = { storeId: query.storeId };
  if (query.categoryId) condition.categoryId = query.categoryId;
  const pageSize = Math.min(query.pageSize, MAX_PAGE_SIZE);
  const [{ total }, { data }] = await Promise.all([
    items().where(condition).count(),
    items()
      .where(condition)
      .orderBy('displayOrder', 'asc')
      .orderBy('_id', 'asc')
      .skip((query.page - 1) * pageSize)
      .limit(pageSize)
      .get(),
  ]);
  return { items: data, total };
}

/** Every menu item of a store, in pages of 100 read in parallel. */
async function allMenuItems(storeId: string): Promise<MenuItemDoc[]> {
  const { total } = await items().where({ storeId }).count();
  const pages = await Promise.all(
    Array.from({ length: Math.ceil(total / MAX_PAGE_SIZE) }, (_, i) =>
      items()
        .where({ storeId })
        .orderBy('_id', 'asc')
        .skip(i * MAX_PAGE_SIZE)
        .limit(MAX_PAGE_SIZE)
        .get(),
    ),
  );
  return pages.flatMap((p) => p.data);
}

export async function countItemsInCategory(storeId: string, categoryId: string): Promise<number> {
  const { total } = await items().where({ storeId, categoryId, status: 'active' }).count();
  return total;
}

/** A staff save: the whole staff-edited document; POS-only fields (cookingMethod …) survive an update. */
export async function writeMenuItem(doc: MenuItemDoc, exists: boolean): Promise<void> {
  const { _id, ...fields } = doc;
  if (exists) await items().doc(_id).update({ data: fields });
  else await items().add({ data: doc });
}

export async function updateMenuItemFields(dishId: string, fields: Partial<MenuItemDoc>): Promise<void> {
  await items().doc(dishId).update({ data: fields });
}

// ---- categories

export async function listCategoryDocs(storeId: string): Promise<CategoryDoc[]> {
  const { data } = await categories().where({ storeId }).orderBy('displayOrder', 'asc').limit(MAX_PAGE_SIZE).get();
  return data;
}

export function findCategory(categoryId: string): Promise<CategoryDoc | null> {
  return findById<CategoryDoc>(Collections.menuCategories, categoryId);
}

export async function writeCategory(doc: CategoryDoc, exists: boolean): Promise<void> {
  const { _id, ...fields } = doc;
  if (exists) await categories().doc(_id).update({ data: fields });
  else await categories().add({ data: doc });
}

export async function removeCategory(categoryId: string): Promise<void> {
  await categories().doc(categoryId).remove();
}

// ---- the diner's snapshot

export function readMenuSnapshot(storeId: string): Promise<MenuSnapshotDoc | null> {
  return findById<MenuSnapshotDoc>(Collections.menuSnapshots, storeId);
}

/** Rebuilds the store's snapshot from the menu (after a staff edit, or on a read of a stale one). */
export async function rebuildMenuSnapshot(storeId: string, previous: MenuSnapshotDoc | null, at = new Date()): Promise<MenuSnapshotDoc> {
  const [store, categoryDocs, itemDocs, program] = await Promise.all([
    findById<{ name?: string }>(Collections.stores, storeId),
    listCategoryDocs(storeId),
    allMenuItems(storeId),
    findById<unknown>(Collections.memberLevels, 'program'),
  ]);
  const levels = programFromDocument(program).levels.map((l) => ({ code: l.code, name: l.name, minPoints: l.minPoints, discountPermille: l.discountPermille }));
  const snapshot = buildMenuSnapshot({
    storeId,
    storeName: store?.name ?? '',
    version: (previous?.version ?? 0) + 1,
    categories: categoryDocs,
    items: itemDocs,
    levels,
    at,
  });
  const { _id, ...fields } = snapshot;
  await snapshots().doc(_id).set({ data: fields });
  return snapshot;
}

/** The menu changed elsewhere (POS menu sync): the next read rebuilds. A missing snapshot stays missing. */
export async function markMenuChanged(storeId: string): Promise<void> {
  await snapshots()
    .where({ _id: storeId })
    .update({ data: { stale: true } });
}

/** The snapshot to serve: as stored when fresh, else rebuilt. */
export async function currentMenuSnapshot(storeId: string): Promise<MenuSnapshotDoc> {
  const stored = await readMenuSnapshot(storeId);
  if (stored && !stored.stale) return stored;
  return rebuildMenuSnapshot(storeId, stored);
}

// ---- pushes to the store's POS

export type PosPushKind = 'order.placed' | 'order.paid' | 'menu.changed';

export interface PosPushDoc {
  _id: string;
  kind: PosPushKind;
  storeId: string;
  /** the order, or the menu item */
  subjectId: string;
  status: 'pending' | 'done' | 'skipped';
  createdAt: Date;
}

/** Inside the caller's transaction (the order's): the push exists iff the order change commits. */
export async function enqueuePosPush(tx: Transaction, push: Omit<PosPushDoc, 'status'>): Promise<void> {
  await tx.collection(Collections.posPushQueue).add({ data: { ...push, status: 'pending' } });
}

/** Outside a transaction (a staff menu edit): a second enqueue of the same id is a no-op. */
export async function enqueuePosPushNow(push: Omit<PosPushDoc, 'status'>): Promise<void> {
  const { _id, ...fields } = push;
  await db()
    .collection(Collections.posPushQueue)
    .doc(_id)
    .set({ data: { ...fields, status: 'pending' } });
}
