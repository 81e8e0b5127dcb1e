/**
 * The one place the emulator reaches into product code (cloudfunctions/, scripts/); everything
 * else in emulator/ imports neither (test/emulator/structure.test.ts checks it). Each import
 * here is here on purpose:
 *   - the seed creates the product's collections and writes demo data with the product's own
 *     rules (member levels, ledger ids, the default program, sealed secrets), so the demo data is
 *     exactly what the functions would have written and cannot drift from their validation;
 *   - the seed creates the collections with the indexes and rules the contexts declare
 *     (cloudfunctions/**\/database.ts, collected by scripts/database-catalog.ts), converted the
 *     way the bootstrap converts them, so tests run under the same index check as production;
 *   - the CLI builds the functions it serves (`npm start`), with the same build as deployment;
 *   - the cabinet vendor simulator speaks the 小麦 protocol exactly as the cabinet function
 *     validates it (its zod schemas) and signs / verifies with the platform's one HMAC scheme.
 * The emulator otherwise sees functions only as deployed bundles (build/functions/<name>/).
 */
export { ALL_COLLECTIONS, Collections } from '../cloudfunctions/shared/collections';
export { masterKeyFromEnv, seal, type MasterKey } from '../cloudfunctions/shared/domain/secret-box';
export { levelForPoints } from '../cloudfunctions/shared/members/levels';
export { ledgerId, newMemberRecord, type MemberRecord, type TicketLogRecord } from '../cloudfunctions/shared/members/member-record';
export { DEFAULT_PROGRAM } from '../cloudfunctions/shared/members/program';
export { protectPhone } from '../cloudfunctions/shared/members/phone-vault';
export { declaredCollections } from '../scripts/database-catalog';
export { toManagementIndex, toPermission } from '../scripts/bootstrap/plan';
export {
  AbnormalOrderPushSchema,
  AlarmPushSchema,
  DoorEventSchema,
  HeartbeatSchema,
  INBOUND_ROUTES,
  OrderPushSchema,
  OUTBOUND_CALLS,
  XIAOMAI_VENDOR,
  type AbnormalOrderPush,
  type OpenDoorCommand,
  type OrderPush,
} from '../cloudfunctions/cabinet/src/adapters/xiaomai/protocol';
export { signRequest, verifySignature } from '../cloudfunctions/shared/integration/signature';
export { signedHeaders } from '../cloudfunctions/shared/integration/sign-outbound';
export { ABNORMAL_REASONS, ALARM_KINDS, type AbnormalReason, type AlarmKind } from '../typings/api/cabinet-views';

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
