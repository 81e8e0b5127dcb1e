import { Collections } from '../../../shared/collections';
import { findById, getDatabase } from '../../../shared/repositories/database';
import { levelForPoints } from '../../../shared/members/levels';
import { newMemberRecord, type MemberRecord } from '../../../shared/members/member-record';
import { PROGRAM_DOCUMENT_ID, programFromDocument, type LoyaltyProgram } from '../../../shared/members/program';
import { migrateLegacyPhone } from './phone-repository';

function members() {
  return getDatabase().collection<MemberRecord>(Collections.members);
}

export function findMember(openid: string): Promise<MemberRecord | null> {
  return findById<MemberRecord>(Collections.members, openid);
}

/**
 * Creates the profile on first sight. `add` with the openid as `_id` fails on a duplicate, so
 * two concurrent first calls cannot overwrite each other (or a balance written in between).
 * A profile still holding a legacy clear phone is encrypted on this read (migrate-on-read).
 */
export async function findOrCreateMember(openid: string, program: LoyaltyProgram): Promise<MemberRecord> {
  const existing = await findMember(openid);
  if (existing) return existing.phone ? migrateLegacyPhone(existing) : existing;
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

/** The programme document, or the seed defaults when none is stored. */
export async function loadProgram(): Promise<LoyaltyProgram> {
  return programFromDocument(await findById(Collections.memberLevels, PROGRAM_DOCUMENT_ID));
}
