import { Collections } from '../collections';
import { AppError } from '../kit/errors';
import { isNotFound, type Transaction } from '../repositories/database';
import { MemberLedgerErrors } from './errors';
import { levelForPoints, quoteDiscount } from './levels';
import { ledgerId, newMemberRecord, type MemberRecord, type PointsLogRecord, type PointsSourceType, type TicketLogRecord } from './member-record';
import { pointsForPayment, pointsToReverse, ticketsForAmount } from './points-rules';
import { DEFAULT_PROGRAM, PROGRAM_DOCUMENT_ID, programFromDocument, type LoyaltyProgram } from './program';

/**
 * The points and gift-ticket ledgers. Every function here runs INSIDE the caller's transaction
 * (`runInTransaction(async (tx) => …)`, shared/repositories/transaction.ts) so a balance moves only together with its ledger row —
 * and with whatever else the caller writes (payment state, order). Only single-document
 * operations are used, as CloudBase transactions require. Re-running with the same source finds
 * the ledger row by id and changes nothing.
 */
export type Tx = Transaction;

export { pointsForPayment, ticketsForAmount, quoteDiscount };
export type { PointsRules } from './program';

type Doc<T> = Omit<T, '_id'>;

async function getDocument<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await tx.collection<T>(collection).doc(id).get();
    return data ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

function withoutId<T extends { _id: string }>(record: T): Doc<T> {
  const { _id: _ignored, ...rest } = record;
  return rest;
}

/** Reads the programme inside the transaction (one document) unless the caller passes it. */
async function loadProgram(tx: Tx, program?: LoyaltyProgram): Promise<LoyaltyProgram> {
  if (program) return program;
  return programFromDocument(await getDocument(tx, Collections.memberLevels, PROGRAM_DOCUMENT_ID));
}

interface LoadedMember {
  record: MemberRecord;
  exists: boolean;
}

async function loadMember(tx: Tx, openid: string, program: Promise<LoyaltyProgram> | LoyaltyProgram): Promise<LoadedMember> {
  const [record, resolved] = await Promise.all([getDocument<MemberRecord>(tx, Collections.members, openid), program]);
  if (record) return { record: { ...newMemberRecord(openid, resolved.levels[0]), ...record }, exists: true };
  return { record: newMemberRecord(openid, levelForPoints(0, resolved.levels)), exists: false };
}

/** Writes the member's new state: `set` for a first ledger entry, a field update otherwise. */
async function saveMember(tx: Tx, loaded: LoadedMember, changes: Partial<MemberRecord>): Promise<void> {
  const now = new Date();
  const ref = tx.collection<MemberRecord>(Collections.members).doc(loaded.record._id);
  if (loaded.exists) await ref.update({ data: { ...changes, updatedAt: now } });
  else await ref.set({ data: withoutId({ ...loaded.record, ...changes, createdAt: now, updatedAt: now }) });
}

async function writeRow<T extends { _id: string }>(tx: Tx, collection: string, row: T): Promise<void> {
  await tx
    .collection(collection)
    .doc(row._id)
    .set({ data: withoutId(row) });
}

// ---------------------------------------------------------------- points

export interface EarnPointsInput {
  openid: string;
  sourceType: 'payment';
  sourceId: string;
  paidFen: number;
  reason: string;
  /** skip the in-transaction programme read when the caller already has it */
  program?: LoyaltyProgram;
  /** the store the money moved at: the diner's ledger shows its name */
  storeId?: string;
}

export async function earnPointsInTransaction(
  tx: Tx,
  input: EarnPointsInput,
): Promise<{ points: number; balanceAfter: number; alreadyCredited: boolean; upgradedTo?: string }> {
  const id = ledgerId(input.sourceType, input.sourceId);
  const programPromise = loadProgram(tx, input.program);
  const [existing, member, program] = await Promise.all([
    getDocument<PointsLogRecord>(tx, Collections.memberPointsLogs, id),
    loadMember(tx, input.openid, programPromise),
    programPromise,
  ]);
  if (existing) return { points: existing.points, balanceAfter: existing.balanceAfter, alreadyCredited: true };

  const points = pointsForPayment(input.paidFen, program.rules);
  const balanceAfter = member.record.points + points;
  const totalEarned = member.record.totalEarned + points;
  const before = levelForPoints(member.record.totalEarned, program.levels);
  const after = levelForPoints(totalEarned, program.levels);
  const upgraded = after.minPoints > before.minPoints;
  // The row is written even for 0 points: it still marks the payment as handled.
  await writeRow<PointsLogRecord>(tx, Collections.memberPointsLogs, {
    _id: id,
    openid: input.openid,
    points,
    reason: input.reason,
    ...(input.storeId ? { storeId: input.storeId } : {}),
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    balanceAfter,
    createdAt: new Date(),
    paidFen: input.paidFen,
    refundedFen: 0,
    reversedPoints: 0,
  });
  await saveMember(tx, member, { points: balanceAfter, totalEarned, ...(upgraded || !member.exists ? { levelCode: after.code, levelName: after.name } : {}) });
  return { points, balanceAfter, alreadyCredited: false, ...(upgraded ? { upgradedTo: after.code } : {}) };
}

export interface ReversePointsInput {
  openid: string;
  sourceType: 'refund';
  sourceId: string;
  earnedSourceId: string;
  refundFen: number;
  paidFen: number;
  reason: string;
  program?: LoyaltyProgram;
  /** the store the money moved at: the diner's ledger shows its name */
  storeId?: string;
}

/**
 * Takes back the points a refunded payment earned, in proportion (see pointsToReverse). The
 * balance may go below zero when the points were already redeemed: the debt blocks further
 * redemption rather than letting a refund keep points that were paid for. The level follows
 * `totalEarned`, so a refund can undo the upgrade its payment caused.
 */
export async function reversePointsInTransaction(
  tx: Tx,
  input: ReversePointsInput,
): Promise<{ points: number; balanceAfter: number; alreadyReversed: boolean }> {
  const id = ledgerId(input.sourceType, input.sourceId);
  const earnedId = ledgerId('payment', input.earnedSourceId);
  const programPromise = loadProgram(tx, input.program);
  const [existing, earned, member, program] = await Promise.all([
    getDocument<PointsLogRecord>(tx, Collections.memberPointsLogs, id),
    getDocument<PointsLogRecord>(tx, Collections.memberPointsLogs, earnedId),
    loadMember(tx, input.openid, programPromise),
    programPromise,
  ]);
  if (existing) return { points: existing.points, balanceAfter: existing.balanceAfter, alreadyReversed: true };
  if (!earned || earned.openid !== input.openid) return { points: 0, balanceAfter: member.record.points, alreadyReversed: false };

  const paidFen = earned.paidFen ?? input.paidFen;
  const alreadyReversed = earned.reversedPoints ?? 0;
  const refundedFenAfter = Math.min(paidFen, (earned.refundedFen ?? 0) + input.refundFen);
  const reversed = pointsToReverse({ earned: earned.points, alreadyReversed, paidFen, refundedFenAfter });
  const change = reversed === 0 ? 0 : -reversed; // no "-0" in replies
  const balanceAfter = member.record.points - reversed;
  const totalEarned = Math.max(0, member.record.totalEarned - reversed);
  const level = levelForPoints(totalEarned, program.levels);

  await writeRow<PointsLogRecord>(tx, Collections.memberPointsLogs, {
    _id: id,
    openid: input.openid,
    points: change,
    reason: input.reason,
    ...(input.storeId ? { storeId: input.storeId } : {}),
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    balanceAfter,
    createdAt: new Date(),
    earnedSourceId: input.earnedSourceId,
    refundFen: input.refundFen,
  });
  // The earning row's amounts never change; only its running refund counters do.
  await tx
    .collection<PointsLogRecord>(Collections.memberPointsLogs)
    .doc(earnedId)
    .update({ data: { refundedFen: refundedFenAfter, reversedPoints: alreadyReversed + reversed } });
  await saveMember(tx, member, { points: balanceAfter, totalEarned, levelCode: level.code, levelName: level.name });
  return { points: change, balanceAfter, alreadyReversed: false };
}

export interface PointsEntryInput {
  openid: string;
  sourceType: Extract<PointsSourceType, 'redeem' | 'adjust'>;
  /** caller-scoped idempotency id (already namespaced by the caller) */
  sourceId: string;
  /** signed change */
  points: number;
  reason: string;
  operatorOpenid?: string;
  /** redemptions must not overdraw; staff corrections may not either */
  requireExistingMember?: boolean;
  /** the store the money moved at: the diner's ledger shows its name */
  storeId?: string;
}

/**
 * A member created by this path gets the default programme's entry level as a cached label;
 * reads derive the shown level from `totalEarned` and the live programme anyway.
 *
 * Redemptions and staff adjustments: balance only — `totalEarned` and the level stay, so
 * spending points never demotes anyone. Refuses to take the balance below zero.
 */
export async function postPointsEntryInTransaction(tx: Tx, input: PointsEntryInput): Promise<{ row: PointsLogRecord; alreadyApplied: boolean }> {
  const id = ledgerId(input.sourceType, input.sourceId);
  const [existing, member] = await Promise.all([
    getDocument<PointsLogRecord>(tx, Collections.memberPointsLogs, id),
    loadMember(tx, input.openid, DEFAULT_PROGRAM),
  ]);
  if (existing) {
    if (existing.points !== input.points || existing.openid !== input.openid)
      throw new AppError(MemberLedgerErrors.IDEMPOTENCY_KEY_REUSED, { details: { field: 'idempotencyKey' } });
    return { row: existing, alreadyApplied: true };
  }
  if (!member.exists && input.requireExistingMember) throw new AppError(MemberLedgerErrors.MEMBER_NOT_FOUND, { details: { field: 'openid' } });
  const balanceAfter = member.record.points + input.points;
  if (balanceAfter < 0) {
    throw new AppError(MemberLedgerErrors.INSUFFICIENT_POINTS, {
      message: `积分不足：当前 ${member.record.points}，需要 ${-input.points}`,
      details: { field: 'points', balance: member.record.points, requested: -input.points },
    });
  }
  const row: PointsLogRecord = {
    _id: id,
    openid: input.openid,
    points: input.points,
    reason: input.reason,
    ...(input.storeId ? { storeId: input.storeId } : {}),
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    balanceAfter,
    createdAt: new Date(),
    ...(input.operatorOpenid ? { operatorOpenid: input.operatorOpenid } : {}),
  };
  await writeRow(tx, Collections.memberPointsLogs, row);
  await saveMember(tx, member, { points: balanceAfter });
  return { row, alreadyApplied: false };
}

// ---------------------------------------------------------------- gift tickets

export interface SpendTicketsInput {
  openid: string;
  sourceId: string;
  amountFen: number;
  reason: string;
  program?: LoyaltyProgram;
  /** the store the money moved at: the diner's ledger shows its name */
  storeId?: string;
}

/** Seed 004 五.5.2: throws INSUFFICIENT_TICKETS before writing anything, so the caller's tx rolls back. */
export async function spendTicketsInTransaction(tx: Tx, input: SpendTicketsInput): Promise<{ tickets: number; balanceAfter: number; alreadySpent: boolean }> {
  const id = ledgerId('payment', input.sourceId);
  const programPromise = loadProgram(tx, input.program);
  const [existing, member, program] = await Promise.all([
    getDocument<TicketLogRecord>(tx, Collections.memberTicketLogs, id),
    loadMember(tx, input.openid, programPromise),
    programPromise,
  ]);
  if (existing) return { tickets: -existing.tickets, balanceAfter: existing.balanceAfter, alreadySpent: true };
  const tickets = ticketsForAmount(input.amountFen, program.rules);
  const balanceAfter = member.record.tickets - tickets;
  if (balanceAfter < 0) {
    throw new AppError(MemberLedgerErrors.INSUFFICIENT_TICKETS, {
      message: `礼票余额不足：需要 ${tickets} 张，当前 ${member.record.tickets} 张`,
      details: { balance: member.record.tickets, required: tickets },
    });
  }
  await writeRow<TicketLogRecord>(tx, Collections.memberTicketLogs, {
    _id: id,
    openid: input.openid,
    tickets: -tickets,
    reason: input.reason,
    ...(input.storeId ? { storeId: input.storeId } : {}),
    sourceType: 'payment',
    sourceId: input.sourceId,
    balanceAfter,
    createdAt: new Date(),
    amountFen: input.amountFen,
  });
  await saveMember(tx, member, { tickets: balanceAfter });
  return { tickets, balanceAfter, alreadySpent: false };
}

export interface CreditTicketsInput {
  openid: string;
  sourceType: 'refund' | 'topup';
  sourceId: string;
  tickets: number;
  reason: string;
  operatorOpenid?: string;
  /** staff top-ups go to a known member only */
  requireExistingMember?: boolean;
  /** the store the money moved at: the diner's ledger shows its name */
  storeId?: string;
}

/** Adds tickets (refund of a ticket payment, staff top-up); idempotent per source. */
export async function creditTicketsInTransaction(tx: Tx, input: CreditTicketsInput): Promise<{ row: TicketLogRecord; alreadyApplied: boolean }> {
  if (!Number.isSafeInteger(input.tickets) || input.tickets <= 0) throw new RangeError(`tickets 必须是正整数: ${input.tickets}`);
  const id = ledgerId(input.sourceType, input.sourceId);
  const [existing, member] = await Promise.all([
    getDocument<TicketLogRecord>(tx, Collections.memberTicketLogs, id),
    loadMember(tx, input.openid, DEFAULT_PROGRAM),
  ]);
  if (existing) {
    if (existing.tickets !== input.tickets || existing.openid !== input.openid)
      throw new AppError(MemberLedgerErrors.IDEMPOTENCY_KEY_REUSED, { details: { field: 'idempotencyKey' } });
    return { row: existing, alreadyApplied: true };
  }
  if (!member.exists && input.requireExistingMember) throw new AppError(MemberLedgerErrors.MEMBER_NOT_FOUND, { details: { field: 'openid' } });
  const row: TicketLogRecord = {
    _id: id,
    openid: input.openid,
    tickets: input.tickets,
    reason: input.reason,
    ...(input.storeId ? { storeId: input.storeId } : {}),
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    balanceAfter: member.record.tickets + input.tickets,
    createdAt: new Date(),
    ...(input.operatorOpenid ? { operatorOpenid: input.operatorOpenid } : {}),
  };
  await writeRow(tx, Collections.memberTicketLogs, row);
  await saveMember(tx, member, { tickets: row.balanceAfter });
  return { row, alreadyApplied: false };
}

export async function refundTicketsInTransaction(
  tx: Tx,
  input: { openid: string; sourceId: string; tickets: number; reason: string; storeId?: string },
): Promise<{ balanceAfter: number; alreadyRefunded: boolean }> {
  const { row, alreadyApplied } = await creditTicketsInTransaction(tx, { ...input, sourceType: 'refund' });
  return { balanceAfter: row.balanceAfter, alreadyRefunded: alreadyApplied };
}
