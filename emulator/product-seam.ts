/**
 * The one place the emulator reaches into product code (cloudfunctions/, scripts/); everything
 * else in emulator/ imports neither (test/emulator/structure.test.ts checks it). Each import
 * here is here on purpose:
 *   - the seed creates the product's collections and writes demo data with the product's own
 *     rules (member levels, ledger ids, the default program, sealed secrets), so the demo data is
 *     exactly what the functions would have written and cannot drift from their validation;
 *   - the CLI builds the functions it serves (`npm start`), with the same build as deployment.
 * The emulator otherwise sees functions only as deployed bundles (build/functions/<name>/).
 */
export { ALL_COLLECTIONS, Collections } from '../cloudfunctions/shared/collections';
export { masterKeyFromEnv, seal, type MasterKey } from '../cloudfunctions/shared/domain/secret-box';
export { levelForPoints } from '../cloudfunctions/shared/members/levels';
export { ledgerId, newMemberRecord, type MemberRecord, type TicketLogRecord } from '../cloudfunctions/shared/members/member-record';
export { DEFAULT_PROGRAM } from '../cloudfunctions/shared/members/program';
export { protectPhone } from '../cloudfunctions/shared/members/phone-vault';

/** Builds every function into build/functions/ (loaded on demand: only the CLI needs esbuild, not the seed or tests). */
export async function buildFunctions(print: boolean): Promise<void> {
  const { buildAllFunctions } = await import('../scripts/build-functions');
  await buildAllFunctions(print);
}

/**
 * The declared security rules the watch endpoint enforces (db.watch from the mini-program):
 * the contexts whose collections the live views read. Collections not listed are server-only.
 */
export { database as ordersDatabase } from '../cloudfunctions/shared/orders/database';
export { database as orderingDatabase } from '../cloudfunctions/ordering/database';
