import { appendAuditInTransaction, type FlatAuditEntry } from '../../../shared/audit/audit-log';
import { Collections } from '../../../shared/collections';
import { findById, getDatabase, txFindById, type Page } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import type { StaffRecord } from './invitation-repository';

const staff = () => getDatabase().collection<StaffRecord>(Collections.staff);

export const findStaffById = (id: string) => findById<StaffRecord>(Collections.staff, id);

/** Newest first; `storeIds` limits to staff of any of these stores (managers, or a store filter). */
export async function listStaff(storeIds: string[] | undefined, page: number, pageSize: number): Promise<Page<StaffRecord>> {
  const where = storeIds ? { storeIds: getDatabase().command.in(storeIds) } : {};
  const [{ total }, { data }] = await Promise.all([
    staff().where(where).count(),
    staff()
      .where(where)
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
  ]);
  return { items: data, total, page, pageSize, hasMore: page * pageSize < total };
}

export async function countActiveAdmins(): Promise<number> {
  const { total } = await staff().where({ role: 'admin', status: 'active' }).count();
  return total;
}

/** Writes the change and its audit entry in one transaction; null when the record is gone. */
export async function updateStaffRecord(id: string, changes: Partial<StaffRecord>, audit: FlatAuditEntry): Promise<StaffRecord | null> {
  return runInTransaction(async (tx) => {
    const current = await txFindById<StaffRecord>(tx, Collections.staff, id);
    if (!current) return null;
    const data = { ...changes, updatedAt: new Date() };
    await tx.collection(Collections.staff).doc(id).update({ data });
    await appendAuditInTransaction(tx, audit);
    return { ...current, ...data };
  });
}
