import { AppError } from '../../../shared/kit';
import { keyMatches, parseScene } from '../domain/table-code';
import type { TableDoc } from '../domain/table-views';
import { Errors } from '../errors';
import { findTable } from '../repositories/table-repository';

/**
 * The diner's way into a table: the scene of its code. An unparsable scene, an unknown or
 * disabled table and a key that does not match (forged, or rotated away) are all the same clear
 * refusal, so a forger learns nothing about which part was wrong. One read.
 */
export async function openTable(scene: string): Promise<TableDoc> {
  const parsed = parseScene(scene);
  const table = parsed ? await findTable(parsed.tableId) : null;
  if (!parsed || !table || table.status !== 'active' || !keyMatches(table.key, parsed.key)) {
    throw new AppError(Errors.TABLE_CODE_INVALID, { details: { field: 'scene' } });
  }
  return table;
}
