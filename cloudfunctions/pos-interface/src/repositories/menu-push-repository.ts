import { Collections } from '../../../shared/collections';
import { getDatabase } from '../../../shared/repositories/database';
import type { MenuPush } from '../domain/menu-push';

const pushes = () => getDatabase().collection<MenuPush>(Collections.menuPushes);

/** Creates the push record; false when the id exists already (a repeated request). */
export async function insertMenuPush(push: MenuPush): Promise<boolean> {
  try {
    await pushes().add({ data: push });
    return true;
  } catch (error) {
    if (/duplicate|exists|E11000/i.test(String((error as Error)?.message ?? (error as { errMsg?: string })?.errMsg ?? ''))) return false;
    throw error;
  }
}

export async function updateMenuPush(id: string, patch: Partial<MenuPush>): Promise<void> {
  await pushes().where({ _id: id }).update({ data: patch });
}

export async function findMenuPush(id: string): Promise<MenuPush | null> {
  const { data } = await pushes().where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

export async function listMenuPushes(integrationId: string, limit: number): Promise<MenuPush[]> {
  const { data } = await pushes().where({ integrationId }).orderBy('startedAt', 'desc').limit(limit).get();
  return data;
}
