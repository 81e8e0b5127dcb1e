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

/** Pushes still marked running that started before `cutoff` (candidates for closing after a cut-off). */
export async function findRunningPushesStartedBefore(cutoff: Date, limit: number): Promise<MenuPush[]> {
  const _ = getDatabase().command;
  const { data } = await pushes()
    .where({ status: 'running', startedAt: _.lt(cutoff) })
    .orderBy('startedAt', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** Applies `patch` only if the push is still running: of a poll and a timer closing it together, one wins. */
export async function closeMenuPushIfRunning(id: string, patch: Partial<MenuPush>): Promise<boolean> {
  const { stats } = await pushes().where({ _id: id, status: 'running' }).update({ data: patch });
  return stats.updated === 1;
}
