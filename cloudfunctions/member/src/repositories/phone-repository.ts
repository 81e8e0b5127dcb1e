import { Collections } from '../../../shared/collections';
import { masterKeyFromEnv } from '../../../shared/domain/secret-box';
import { AppError } from '../../../shared/kit';
import { getDatabase, txFindById, type Transaction } from '../../../shared/repositories/database';
import { levelForPoints } from '../../../shared/members/levels';
import { newMemberRecord, type MemberRecord } from '../../../shared/members/member-record';
import { phoneIndexOf, protectPhone } from '../../../shared/members/phone-vault';
import type { LoyaltyProgram } from '../../../shared/members/program';
import { Errors } from '../errors';

/**
 * One phone, one member (docs/members.md). CloudBase has no unique secondary index we can rely
 * on, but `_id` is unique: `member_phone_claims/<blind index>` names the one member holding a
 * number, and it is written in the same transaction as the member's phone fields. Two diners
 * binding the same number at once both write that claim document; the transaction that commits
 * second conflicts, retries, sees the claim and is refused.
 */
interface PhoneClaim {
  _id: string;
  openid: string;
  createdAt: Date;
}

const TX_RETRIES = 5;

function claims(tx: Transaction) {
  return tx.collection<PhoneClaim>(Collections.memberPhoneClaims);
}

async function writeMember(tx: Transaction, member: MemberRecord): Promise<void> {
  const { _id, ...data } = member;
  await tx.collection<MemberRecord>(Collections.members).doc(_id).set({ data });
}

function membersQuery() {
  return getDatabase().collection<MemberRecord>(Collections.members);
}

/** Binds `phone` to `openid` (creating the profile if needed); refuses a number another member holds. */
export async function bindPhoneToMember(openid: string, phone: string, program: LoyaltyProgram): Promise<MemberRecord> {
  // Members written before phones were encrypted hold clear numbers without a claim: migrate the
  // holders of this number first, so their claim exists before we try to take it.
  await migrateHoldersOf(phone);
  const sealed = protectPhone(openid, phone, masterKeyFromEnv());
  return getDatabase().runTransaction(async (tx) => {
    const [member, claim] = await Promise.all([
      txFindById<MemberRecord>(tx, Collections.members, openid),
      txFindById<PhoneClaim>(tx, Collections.memberPhoneClaims, sealed.phoneIndex),
    ]);
    if (claim && claim.openid !== openid) throw new AppError(Errors.PHONE_ALREADY_BOUND, { details: { field: 'code' } });
    const now = new Date();
    // A new number releases the old one, so somebody else can bind it.
    if (member?.phoneIndex && member.phoneIndex !== sealed.phoneIndex) {
      const previous = await txFindById<PhoneClaim>(tx, Collections.memberPhoneClaims, member.phoneIndex);
      if (previous?.openid === openid) await claims(tx).doc(member.phoneIndex).remove();
    }
    await claims(tx)
      .doc(sealed.phoneIndex)
      .set({ data: { openid, createdAt: claim?.createdAt ?? now } });
    const fields = { phone: null, ...sealed, updatedAt: now };
    // The whole document is written (`set`), not a field update: an update would merge the sealed
    // object path by path into `phoneSealed: null` and fail. The transaction read it, so a
    // concurrent change conflicts instead of being overwritten.
    const next: MemberRecord = { ...(member ?? newMemberRecord(openid, levelForPoints(0, program.levels), now)), ...fields };
    await writeMember(tx, next);
    return next;
  }, TX_RETRIES);
}

/**
 * Migrate-on-read: rewrites a legacy clear phone as sealed + blind index, claiming the number
 * when nobody holds it yet (legacy duplicates stay unclaimed: lookup then answers PHONE_AMBIGUOUS).
 */
export async function migrateLegacyPhone(member: MemberRecord): Promise<MemberRecord> {
  const master = masterKeyFromEnv();
  return getDatabase().runTransaction(async (tx) => {
    const current = await txFindById<MemberRecord>(tx, Collections.members, member._id);
    if (!current?.phone) return current ?? member;
    const sealed = protectPhone(current.openid, current.phone, master);
    const claim = await txFindById<PhoneClaim>(tx, Collections.memberPhoneClaims, sealed.phoneIndex);
    if (!claim)
      await claims(tx)
        .doc(sealed.phoneIndex)
        .set({ data: { openid: current.openid, createdAt: new Date() } });
    const next: MemberRecord = { ...current, phone: null, ...sealed, updatedAt: new Date() };
    await writeMember(tx, next);
    return next;
  }, TX_RETRIES);
}

async function migrateHoldersOf(phone: string): Promise<MemberRecord[]> {
  const { data } = await membersQuery().where({ phone }).limit(10).get();
  return Promise.all(data.map(migrateLegacyPhone));
}

/**
 * Staff lookup: exactly one member or none. Searches the blind index (and legacy clear numbers,
 * migrating them); two holders — possible only in data from before the claim existed — is an
 * explicit error instead of silently picking the first.
 */
export async function findMemberByPhone(phone: string): Promise<MemberRecord | null> {
  const index = phoneIndexOf(phone, masterKeyFromEnv());
  const [migrated, { data: byIndex }] = await Promise.all([migrateHoldersOf(phone), membersQuery().where({ phoneIndex: index }).limit(3).get()]);
  const holders = new Map<string, MemberRecord>();
  for (const member of [...byIndex, ...migrated]) holders.set(member._id, member);
  if (holders.size > 1) throw new AppError(Errors.PHONE_AMBIGUOUS, { details: { field: 'phone', count: holders.size } });
  return [...holders.values()][0] ?? null;
}
