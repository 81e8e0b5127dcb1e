import { Collections } from '../../../shared/collections';
import { findById } from '../../../shared/repositories/database';

/**
 * Store names for the diner's ledger texts. Names change rarely, so a warm instance keeps them:
 * one read per store per instance, none on the hot path after that. A missing store reads as null.
 */
const cache = new Map<string, string | null>();
const MAX_CACHED = 500;

export async function storeNameOf(storeId: string): Promise<string | null> {
  if (cache.has(storeId)) return cache.get(storeId) ?? null;
  const store = await findById<{ name?: string }>(Collections.stores, storeId);
  const name = store?.name?.trim() || null;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(storeId, name);
  return name;
}
