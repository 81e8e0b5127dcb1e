import { isNotFound, type Transaction } from '../../../shared/repositories/database';

/** A single-document read inside a transaction; a missing document is `null`, not an error. */
export async function txGet<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await tx.collection<T>(collection).doc(id).get();
    return (data as T | undefined) ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export function withoutId<T extends { _id: string }>(record: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = record;
  return rest;
}
