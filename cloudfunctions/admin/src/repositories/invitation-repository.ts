import type { InvitationStatus } from '../../../../typings/api/admin';
import type { StaffRole } from '../../../../typings/api/common';
import { appendAuditInTransaction, type FlatAuditEntry } from '../../../shared/audit/audit-log';
import { Collections } from '../../../shared/collections';
import { findById, getDatabase, txFindById, type Page } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';

/** A `staff_invitations` document; `_id` is the hash of the code (domain/invitation-code.ts). */
export interface InvitationRecord {
  _id: string;
  role: StaffRole;
  storeIds: string[];
  name: string;
  status: 'pending' | 'accepted' | 'disabled';
  codeHint: string;
  createdBy: { openid: string; name: string };
  createdAt: Date;
  expiresAt: Date;
  acceptedBy?: string;
  acceptedAt?: Date | null;
  staffId?: string;
  disabledAt?: Date | null;
  /** the one-time administrator invitation printed by the bootstrap */
  bootstrap?: boolean;
}

export interface StaffRecord {
  _id: string;
  openid: string;
  name: string;
  role: StaffRole;
  storeIds: string[];
  status: 'active' | 'disabled';
  createdAt?: Date;
  updatedAt?: Date;
  invitationId?: string;
}

const invitations = () => getDatabase().collection<InvitationRecord>(Collections.staffInvitations);

export async function insertInvitation(invitation: InvitationRecord, audit: FlatAuditEntry): Promise<void> {
  await runInTransaction(async (tx) => {
    const { _id, ...data } = invitation;
    await tx.collection(Collections.staffInvitations).doc(_id).set({ data });
    await appendAuditInTransaction(tx, audit);
  });
}

export const findInvitation = (id: string) => findById<InvitationRecord>(Collections.staffInvitations, id);

export interface InvitationFilter {
  /** undefined = all (admins) */
  storeIds?: string[];
  status?: InvitationStatus;
  now: Date;
}

/** Newest first. `expired` is a pending invitation past its time (stored status stays pending). */
export async function listInvitations(filter: InvitationFilter, page: number, pageSize: number): Promise<Page<InvitationRecord>> {
  const _ = getDatabase().command;
  const where: Record<string, unknown> = {};
  if (filter.storeIds) where.storeIds = _.in(filter.storeIds);
  if (filter.status === 'expired') Object.assign(where, { status: 'pending', expiresAt: _.lte(filter.now) });
  else if (filter.status === 'pending') Object.assign(where, { status: 'pending', expiresAt: _.gt(filter.now) });
  else if (filter.status) where.status = filter.status;
  const [{ total }, { data }] = await Promise.all([
    invitations().where(where).count(),
    invitations()
      .where(where)
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
  ]);
  return { items: data, total, page, pageSize, hasMore: page * pageSize < total };
}

export type AcceptOutcome = { ok: true; staff: StaffRecord } | { ok: false; reason: 'missing' | 'accepted' | 'disabled' | 'expired' | 'already-staff' };

/**
 * Binds the caller to the invitation in one transaction: the invitation turns accepted, the
 * staff record (one per openid) is written, and the audit entry with them. A second acceptance of
 * the same code — concurrent or later — finds it accepted and changes nothing.
 */
export async function acceptInvitation(
  invitationId: string,
  openid: string,
  staffId: string,
  now: Date,
  isActiveStaff: boolean,
  audit: (invitation: InvitationRecord) => FlatAuditEntry,
): Promise<AcceptOutcome> {
  return runInTransaction(async (tx): Promise<AcceptOutcome> => {
    const invitation = await txFindById<InvitationRecord>(tx, Collections.staffInvitations, invitationId);
    if (!invitation) return { ok: false, reason: 'missing' };
    // staff already: say so first, whatever the state of the code they opened
    if (isActiveStaff) return { ok: false, reason: 'already-staff' };
    if (invitation.status === 'accepted') return { ok: false, reason: 'accepted' };
    if (invitation.status === 'disabled') return { ok: false, reason: 'disabled' };
    if (new Date(invitation.expiresAt).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    const staff: StaffRecord = {
      _id: staffId,
      openid,
      name: invitation.name,
      role: invitation.role,
      storeIds: invitation.storeIds,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      invitationId,
    };
    const { _id, ...data } = staff;
    await tx.collection(Collections.staff).doc(_id).set({ data });
    await tx
      .collection(Collections.staffInvitations)
      .doc(invitationId)
      .update({ data: { status: 'accepted', acceptedBy: openid, acceptedAt: now, staffId } });
    await appendAuditInTransaction(tx, audit(invitation));
    return { ok: true, staff };
  });
}

/** Disables a pending invitation; returns the stored record afterwards, or null when it is missing. */
export async function disableInvitation(id: string, now: Date, audit: FlatAuditEntry): Promise<{ invitation: InvitationRecord; changed: boolean } | null> {
  return runInTransaction(async (tx) => {
    const invitation = await txFindById<InvitationRecord>(tx, Collections.staffInvitations, id);
    if (!invitation) return null;
    if (invitation.status !== 'pending') return { invitation, changed: false };
    await tx
      .collection(Collections.staffInvitations)
      .doc(id)
      .update({ data: { status: 'disabled', disabledAt: now } });
    await appendAuditInTransaction(tx, audit);
    return { invitation: { ...invitation, status: 'disabled', disabledAt: now }, changed: true };
  });
}
