import { Collections } from '../../../shared/collections';
import { findById } from '../../../shared/repositories/database';
import type { MemberRecord } from '../../../shared/members/member-record';

/** The diner's member document (member owns it; the cabinet reads phone binding and ticket balance). */
export async function findMember(openid: string): Promise<MemberRecord | null> {
  return findById<MemberRecord>(Collections.members, openid);
}
