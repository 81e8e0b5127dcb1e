import { Collections } from '../../../shared/collections';
import { findById, getDatabase } from '../../../shared/repositories/database';
import { levelForPoints } from '../../../shared/members/levels';
import { newMemberRecord, type MemberRecord } from '../../../shared/members/member-record';
import { PROGRAM_DOCUMENT_ID, programFromDocument, type LoyaltyProgram } from '../../../shared/members/program';

function members() {
  return getDatabase().collection<MemberRecord>(Collections.members);
}

export function findMember(openid: string): Promise<MemberRecord | null> {
  return findById<MemberRecord>(Collections.members, openid);
}

/**
 * Creates the profile on first sight. `add` with the openid as `_id` fails on a duplicate, so
 * two concurrent first calls cannot overwrite each other (or a balance written in between).
 */
export async function findOrCreateMember(openid: string, program: LoyaltyProgram): Promise<MemberRecord> {
  const existing = await findMember(openid);
  if (existing) return existing;
  const record = newMemberRecord(openid, levelForPoints(0, program.levels));
  try {
    await members().add({ data: record });
    return record;
  } catch (error) {
    const winner = await findMember(openid);
    if (winner) return winner;
    throw error;
  }
}

export async function findMemberByPhone(phone: string): Promise<MemberRecord | null> {
  const { data } = await members().where({ phone }).limit(1).get();
  return data[0] ?? null;
}

export async function savePhone(openid: string, phone: string): Promise<void> {
  await members()
    .doc(openid)
    .update({ data: { phone, updatedAt: new Date() } });
}

/** The programme document, or the seed defaults when none is stored. */
export async function loadProgram(): Promise<LoyaltyProgram> {
  return programFromDocument(await findById(Collections.memberLevels, PROGRAM_DOCUMENT_ID));
}
