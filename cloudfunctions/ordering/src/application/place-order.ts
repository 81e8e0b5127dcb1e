import type { PayMode, PlacedTableOrders, SplitMode } from '../../../../typings/api/ordering';
import { AppError } from '../../../shared/kit';
import { currentMenuSnapshot, type MenuSnapshotDoc } from '../../../shared/menu';
import { changeTableOrder, findOrder, placeOrder, txFindOrder, type OrderRecord, type TableOrderFacts } from '../../../shared/orders';
import { findById, isTransactionConflict } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { Collections } from '../../../shared/collections';
import { levelForPoints } from '../../../shared/members/levels';
import { awaitingWeight, canAddTo, linesFromCart, type CartLineDoc } from '../domain/table-order';
import { toTableOrderView, type TableDoc } from '../domain/table-views';
import { printableLines, printableOrder } from '../domain/printable';
import { Errors } from '../errors';
import { clearOldRounds, listCartLines } from '../repositories/cart-repository';
import { txAdvanceCartRound } from '../repositories/table-repository';
import { enqueueKitchenTickets, sendPrintJobs, type EnqueuedPrintJobs } from '../printing';
import { openTable } from './table-access';

/**
 * 下单 and 加菜. Placing turns the table's current cart round into an order (one per diner with
 * split mode `diner`) and opens the next round, in one transaction: the order id is derived from
 * the table and the round, so two diners pressing 下单 at once make one order (the second sees
 * CART_ROUND_STALE, or its own order again when it is a replay of the same requestId).
 * Round trips: table, cart lines, menu snapshot, member; transaction start, order add, table
 * update, commit = 8. The POS push is the order's own `table.posPush` fact (written with it),
 * drained by pos-interface's timer.
 */
export const orderIdOf = (tableId: string, round: number, diner = 0) => `to_${tableId}_r${round}${diner ? `_d${diner}` : ''}`;

async function memberPermilleOf(openid: string, menu: MenuSnapshotDoc): Promise<number> {
  const member = await findById<{ totalEarned?: number }>(Collections.members, openid);
  if (!member || menu.levels.length === 0) return 1000;
  return levelForPoints(member.totalEarned ?? 0, menu.levels).discountPermille;
}

function unavailableError(names: string[]): AppError {
  return new AppError(Errors.DISH_UNAVAILABLE, { message: `菜品暂不可点：${names.join('、')}`, details: { field: 'cartRound', dishes: names } });
}

/** A replay (same requestId) of a placement that already consumed its round returns what it made. */
async function replayOf(table: TableDoc, round: number, requestId: string): Promise<OrderRecord[] | null> {
  const first = await findOrder(orderIdOf(table._id, round));
  const found = first ?? (await findOrder(orderIdOf(table._id, round, 1)));
  if (!found?.table?.requestIds.includes(requestId)) return null;
  if (found.table.splitMode === 'table') return [found];
  const all: OrderRecord[] = [];
  for (let n = 1; n <= 20; n++) {
    const order = await findOrder(orderIdOf(table._id, round, n));
    if (!order) break;
    all.push(order);
  }
  return all;
}

export async function placeTableOrder(
  input: { scene: string; cartRound: number; partySize: number; remarks: string; payMode: PayMode; splitMode: SplitMode; requestId: string },
  openid: string,
  at = new Date(),
): Promise<PlacedTableOrders<Date>> {
  const table = await openTable(input.scene);
  if (input.cartRound !== table.cartRound) {
    const replay = await replayOf(table, input.cartRound, input.requestId);
    if (replay) return { orders: replay.map((o) => toTableOrderView(o, { openid })), cartRound: table.cartRound, addition: false };
    throw new AppError(Errors.CART_ROUND_STALE, { details: { field: 'cartRound', cartRound: table.cartRound } });
  }
  const [cart, menu] = await Promise.all([listCartLines(table._id, table.cartRound), currentMenuSnapshot(table.storeId)]);
  const dishes = new Map(menu.dishes.map((d) => [d.dishId, d]));
  const groups = groupCart(cart, input.splitMode);
  if (groups.length === 0) throw new AppError(Errors.CART_EMPTY, { details: { field: 'cartRound' } });

  const drafts = groups.map(({ owner, lines }, i) => {
    const built = linesFromCart(lines, dishes, { addition: 0, firstLineNo: 1, at });
    return { owner: owner || openid, built, orderId: orderIdOf(table._id, table.cartRound, input.splitMode === 'diner' ? i + 1 : 0) };
  });
  const unavailable = drafts.flatMap((d) => d.built.unavailable);
  if (unavailable.length > 0) throw unavailableError(unavailable);
  const permille = await memberPermilleOf(openid, menu);

  let orders: OrderRecord[];
  try {
    orders = await runInTransaction(async (tx) => {
      const placed: OrderRecord[] = [];
      for (const draft of drafts) {
        const facts: TableOrderFacts = {
          tableId: table._id,
          tableName: table.name,
          partySize: input.partySize,
          remarks: input.remarks,
          payMode: input.payMode,
          splitMode: input.splitMode,
          groupId: orderIdOf(table._id, table.cartRound),
          diners: [...new Set(draft.built.lines.map((l) => l.addedBy).concat(draft.owner))],
          lines: draft.built.lines,
          additionCount: 0,
          awaitingWeight: awaitingWeight(draft.built.lines),
          cartRounds: [table.cartRound],
          requestIds: [input.requestId],
          statusLog: [{ from: 'none', to: 'pending', by: `diner:${openid}`, at }],
          posPush: { status: 'pending', reason: 'placed', at },
        };
        placed.push(
          await placeOrder(tx, {
            _id: draft.orderId,
            storeId: table.storeId,
            openid: draft.owner,
            source: 'table',
            title: `${menu.storeName || '扫码点餐'} ${table.name}`,
            items: draft.built.items,
            at,
            table: facts,
          }),
        );
      }
      await txAdvanceCartRound(tx, table, at);
      return placed;
    });
  } catch (error) {
    // Another diner placed this round a moment ago (same order id, or the table row conflicted).
    if (isTransactionConflict(error) || /duplicate|E11000/i.test(String((error as Error)?.message))) {
      const replay = await replayOf(table, table.cartRound, input.requestId);
      if (replay) return { orders: replay.map((o) => toTableOrderView(o, { openid })), cartRound: table.cartRound + 1, addition: false };
      throw new AppError(Errors.CART_ROUND_STALE, { details: { field: 'cartRound' } });
    }
    throw error;
  }
  // Best effort: lines of ordered rounds are no longer shown (the round number already hides them).
  void clearOldRounds(table._id, table.cartRound + 1).catch(() => undefined);
  return {
    orders: orders.map((o) => toTableOrderView(o, { openid, memberPermille: o.openid === openid ? permille : 1000 })),
    cartRound: table.cartRound + 1,
    addition: false,
  };
}

/** `table`: one order, the placer's (owner '' = the caller); `diner`: one per diner who added lines. */
function groupCart(cart: readonly CartLineDoc[], split: SplitMode): { owner: string; lines: CartLineDoc[] }[] {
  const live = cart.filter((l) => l.quantity > 0);
  if (live.length === 0) return [];
  if (split === 'table') return [{ owner: '', lines: live }];
  const byDiner = new Map<string, CartLineDoc[]>();
  for (const line of live) byDiner.set(line.addedBy, [...(byDiner.get(line.addedBy) ?? []), line]);
  return [...byDiner.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([owner, lines]) => ({ owner, lines }));
}

/**
 * 加菜: the table's current cart round is appended to one of its orders (not paid, not finished)
 * as addition n; the kitchen gets only those lines (tickets of kind 'addition' when the order is
 * already confirmed; a pending order prints everything on confirmation).
 */
export async function addDishes(
  input: { scene: string; cartRound: number; orderId: string; requestId: string },
  openid: string,
  at = new Date(),
): Promise<PlacedTableOrders<Date>> {
  const table = await openTable(input.scene);
  const existing = await findOrder(input.orderId);
  if (!existing || !existing.table || existing.table.tableId !== table._id) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
  if (existing.table.requestIds.includes(input.requestId))
    return { orders: [toTableOrderView(existing, { openid })], cartRound: table.cartRound, addition: true };
  if (input.cartRound !== table.cartRound) throw new AppError(Errors.CART_ROUND_STALE, { details: { field: 'cartRound', cartRound: table.cartRound } });
  if (!canAddTo(existing, table._id)) throw new AppError(Errors.ADDITION_NOT_ALLOWED, { details: { field: 'orderId', status: existing.status } });
  const [cart, menu] = await Promise.all([listCartLines(table._id, table.cartRound), currentMenuSnapshot(table.storeId)]);
  const live = cart.filter((l) => l.quantity > 0);
  if (live.length === 0) throw new AppError(Errors.CART_EMPTY, { details: { field: 'cartRound' } });

  let jobs: EnqueuedPrintJobs = { jobIds: [] };
  const order = await runInTransaction(async (tx) => {
    const current = await txFindOrder(tx, input.orderId);
    if (!current?.table || !canAddTo(current, table._id)) throw new AppError(Errors.ADDITION_NOT_ALLOWED, { details: { field: 'orderId' } });
    const addition = current.table.additionCount + 1;
    const built = linesFromCart(live, new Map(menu.dishes.map((d) => [d.dishId, d])), { addition, firstLineNo: current.table.lines.length + 1, at });
    if (built.unavailable.length > 0) throw unavailableError(built.unavailable);
    const lines = [...current.table.lines, ...built.lines];
    const items = [...current.items, ...built.items];
    const facts: TableOrderFacts = {
      ...current.table,
      lines,
      additionCount: addition,
      awaitingWeight: awaitingWeight(lines),
      diners: [...new Set([...current.table.diners, ...built.lines.map((l) => l.addedBy)])],
      cartRounds: [...current.table.cartRounds, table.cartRound],
      requestIds: [...current.table.requestIds, input.requestId],
      statusLog: [...current.table.statusLog, { from: current.status, to: current.status, by: `diner:${openid}`, at, note: `加菜 ${addition}` }],
      posPush: { status: 'pending', reason: 'addition', at },
    };
    const written = await changeTableOrder(
      tx,
      current,
      { type: 'add_items' },
      { table: facts, items, totalFen: items.reduce((s, i) => s + i.amountFen, 0), at },
    );
    await txAdvanceCartRound(tx, table, at);
    // Confirmed already: the kitchen gets the delta now. Still pending: everything prints on confirmation.
    if (current.status !== 'pending' && current.status !== 'paid') {
      jobs = await enqueueKitchenTickets(tx, printableOrder(written!), printableLines(written!, built.lines), 'addition', {
        additionId: `a${addition}`,
        now: at,
      });
    }
    return written!;
  });
  await sendPrintJobs(jobs);
  void clearOldRounds(table._id, table.cartRound + 1).catch(() => undefined);
  return { orders: [toTableOrderView(order, { openid })], cartRound: table.cartRound + 1, addition: true };
}
