import { Collections } from '../../../shared/collections';
import { getDatabase, isNotFound } from '../../../shared/repositories/database';

/** The member fields the session needs; the member's `_id` is their openid (one doc read). */
export interface MemberSummaryRecord {
  _id: string;
  openid: string;
  nickname?: string;
  levelName?: string;
  points?: number;
}

export async function findMemberSummary(openid: string): Promise<MemberSummaryRecord | null> {
  try {
    const { data } = await getDatabase().collection<MemberSummaryRecord>(Collections.members).doc(openid).get();
    return data ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
