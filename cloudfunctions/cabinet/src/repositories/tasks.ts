import { Collections } from '../../../shared/collections';
import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { findById, getDatabase } from '../../../shared/repositories/database';
import type { ManualTaskKind, ManualTaskStatus } from '../../../../typings/api/cabinet-views';
import type { ManualTaskRecord } from '../domain/records';

const tasks = () => getDatabase().collection<ManualTaskRecord>(Collections.cabinetTasks);
const _ = () => getDatabase().command;

/** Opens a task once per subject (its id is derived from kind + subject); an existing open task keeps its history. */
export async function openTask(task: ManualTaskRecord): Promise<void> {
  try {
    await tasks().add({ data: task });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await tasks()
      .where({ _id: task._id, status: _().in(['retrying', 'resolved', 'open']) })
      .update({ data: { status: 'open', reason: task.reason, attempts: task.attempts, updatedAt: task.updatedAt } });
  }
}

export async function findTask(taskId: string): Promise<ManualTaskRecord | null> {
  return findById<ManualTaskRecord>(Collections.cabinetTasks, taskId);
}

export async function moveTask(taskId: string, from: ManualTaskStatus[], changes: Partial<ManualTaskRecord>): Promise<boolean> {
  const { stats } = await tasks()
    .where({ _id: taskId, status: _().in(from) })
    .update({ data: { ...changes, updatedAt: new Date() } });
  return stats.updated === 1;
}

export async function pageTasks(
  filter: { storeIds: string[] | null; status?: ManualTaskStatus; kind?: ManualTaskKind },
  page: number,
  pageSize: number,
): Promise<{ items: ManualTaskRecord[]; total: number }> {
  const where: Record<string, unknown> = {};
  if (filter.storeIds) where.storeId = _().in(filter.storeIds);
  if (filter.status) where.status = filter.status;
  if (filter.kind) where.kind = filter.kind;
  const [{ data }, { total }] = await Promise.all([
    tasks()
      .where(where)
      .orderBy('updatedAt', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
    tasks().where(where).count(),
  ]);
  return { items: data, total };
}
