import { Collections } from '../../../shared/collections';
import { getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import { PROGRAM_DOCUMENT_ID, programFromDocument, type LoyaltyProgram } from '../../../shared/members/program';
import { findById } from '../../../shared/repositories/database';

/** What the cabinet reads of a store (admin owns `stores`): name, status and the cabinet settings (agreed names). */
export interface CabinetStore {
  _id: string;
  code: string | null;
  name: string;
  address: string;
  status: string;
  amountLimitFen?: number;
  minTicketBalance?: number;
}

/**
 * Stores and the loyalty programme change rarely and are read on every scan: a warm instance
 * keeps them a few seconds (an edited amount limit applies within the TTL).
 */
const TTL_MS = 10_000;
const storeCache = new Map<string, { value: CabinetStore | null; expiresAt: number }>();
let programCache: { value: LoyaltyProgram; expiresAt: number } | undefined;

export async function findStore(storeId: string, now = Date.now()): Promise<CabinetStore | null> {
  const hit = storeCache.get(storeId);
  if (hit && hit.expiresAt > now) return hit.value;
  const value = await findById<CabinetStore>(Collections.stores, storeId);
  storeCache.set(storeId, { value, expiresAt: now + TTL_MS });
  if (storeCache.size > 500) storeCache.delete(storeCache.keys().next().value as string);
  return value;
}

export async function findStoreByCode(code: string): Promise<CabinetStore | null> {
  const { data } = await getDatabase().collection<CabinetStore>(Collections.stores).where({ code }).limit(1).get();
  return data[0] ?? null;
}

export async function findStoresByIds(ids: string[]): Promise<Map<string, CabinetStore>> {
  const unique = [...new Set(ids)].slice(0, MAX_PAGE_SIZE);
  if (unique.length === 0) return new Map();
  const { data } = await getDatabase()
    .collection<CabinetStore>(Collections.stores)
    .where({ _id: getDatabase().command.in(unique) })
    .limit(unique.length)
    .get();
  return new Map(data.map((s) => [s._id, s]));
}

export async function loyaltyProgram(now = Date.now()): Promise<LoyaltyProgram> {
  if (programCache && programCache.expiresAt > now) return programCache.value;
  const value = programFromDocument(await findById(Collections.memberLevels, PROGRAM_DOCUMENT_ID));
  programCache = { value, expiresAt: now + TTL_MS };
  return value;
}
