import type {
  CounterMethod,
  CounterPaymentConfirmation,
  KitchenBoard,
  KitchenStation,
  KitchenStep,
  TableOrderStatus,
  TableOrderView,
} from '../../../../typings/api/ordering';
import { appendAuditInTransaction } from '../../../shared/audit/audit-log';
import { AppError, type StaffMember } from '../../../shared/kit';
import {
  changeTableOrder,
  findOrder,
  listActiveOrdersOfTable,
  listActiveTableOrders,
  OrderTransitionError,
  txFindOrder,
  type OrderEvent,
  type OrderRecord,
  type TableOrderFacts,
} from '../../../shared/orders';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { cancelVerdict, isPaid, STEP_EVENTS, awaitingWeight, weighLine as weigh, tableStatusOf } from '../domain/table-order';
import { toKitchenOrderView, toTableOrderView } from '../domain/table-views';
import { printableLines, printableOrder } from '../domain/printable';
import { Errors } from '../errors';
import { enqueueKitchenTickets, sendPrintJobs, type EnqueuedPrintJobs } from '../printing';
import { openTable } from './table-access';

/**
 * The table order's life after placing: the kitchen's steps, weighing, counter payment and
 * cancellation, each through the order kernel's state machine in a transaction and logged in the
 * order's `table.statusLog` (and, for money, the audit log).
 */

const staffActor = (staff: StaffMember) => `staff:${staff._id}`;

async function storeOrder(storeId: string, orderId: string): Promise<OrderRecord> {
  const order = await findOrder(orderId);
  if (!order || order.storeId !== storeId || order.source !== 'table' || !order.table)
    throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
  return order;
}

function refused(error: unknown, order: OrderRecord): never {
  if (error instanceof OrderTransitionError) {
    throw new AppError(Errors.ORDER_STEP_REFUSED, { details: { field: 'step', status: tableStatusOf(order.status), reason: error.reason } });
  }
  throw error;
}

/** Runs a change of one table order in a transaction: re-read, check, write. */
async function change(
  orderId: string,
  run: (tx: Parameters<Parameters<typeof runInTransaction>[0]>[0], order: OrderRecord) => Promise<{ order: OrderRecord; jobs?: EnqueuedPrintJobs }>,
): Promise<OrderRecord> {
  let jobs: EnqueuedPrintJobs = { jobIds: [] };
  const order = await runInTransaction(async (tx) => {
    const current = await txFindOrder(tx, orderId);
    if (!current?.table) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
    try {
      const result = await run(tx, current);
      jobs = result.jobs ?? { jobIds: [] };
      return result.order;
    } catch (error) {
      return refused(error, current);
    }
  });
  await sendPrintJobs(jobs);
  return order;
}

const logged = (table: TableOrderFacts, from: string, to: string, by: string, at: Date, note?: string): TableOrderFacts => ({
  ...table,
  statusLog: [...table.statusLog, { from, to, by, at, ...(note ? { note } : {}) }],
});

export async function kitchenBoard(
  input: { storeId: string; station?: KitchenStation; statuses?: TableOrderStatus[] },
  now = new Date(),
): Promise<KitchenBoard<Date>> {
  const orders = await listActiveTableOrders(input.storeId);
  const views = orders
    .map((o) => toKitchenOrderView(o, now))
    .filter((o) => !input.statuses || input.statuses.includes(o.status))
    .map((o) => (input.station ? { ...o, lines: o.lines.filter((l) => l.station === input.station) } : o))
    .filter((o) => o.lines.length > 0);
  return { storeId: input.storeId, station: input.station ?? null, orders: views, generatedAt: now };
}

/** One kitchen step; confirming prints the kitchen tickets of everything on the order. */
export async function advance(
  input: { storeId: string; orderId: string; step: KitchenStep },
  staff: StaffMember,
  at = new Date(),
): Promise<TableOrderView<Date>> {
  await storeOrder(input.storeId, input.orderId);
  const event: OrderEvent = { type: STEP_EVENTS[input.step] };
  const order = await change(input.orderId, async (tx, current) => {
    if (input.step === 'confirm' && current.table!.awaitingWeight) {
      throw new AppError(Errors.ORDER_STEP_REFUSED, {
        message: '称重菜还未称重，不能确认',
        details: { field: 'step', status: tableStatusOf(current.status), reason: 'awaiting_weight' },
      });
    }
    const table = current.table!;
    const nextStatus = { accept: 'confirmed', start: 'preparing', serve: 'serving', finish: 'completed' }[event.type as 'accept'];
    const written = (await changeTableOrder(tx, current, event, { table: logged(table, current.status, nextStatus, staffActor(staff), at), at }))!;
    const jobs =
      input.step === 'confirm'
        ? await enqueueKitchenTickets(tx, printableOrder(written), printableLines(written, written.table!.lines), 'new', { now: at })
        : undefined;
    return { order: written, jobs };
  });
  return toTableOrderView(order, {});
}

/** Staff weigh a weighed line before confirming: its amount becomes weight × price. */
export async function weighOrderLine(
  input: { storeId: string; orderId: string; lineNo: number; weight: number },
  staff: StaffMember,
  at = new Date(),
): Promise<TableOrderView<Date>> {
  await storeOrder(input.storeId, input.orderId);
  const order = await change(input.orderId, async (tx, current) => {
    const line = current.table!.lines.find((l) => l.lineNo === input.lineNo);
    if (!line) throw new AppError(Errors.ORDER_NOT_FOUND, { message: '订单没有这一行', details: { field: 'lineNo' } });
    if (!line.soldByWeight) throw new AppError(Errors.NOT_WEIGHED_DISH, { details: { field: 'lineNo' } });
    const { lines, items, totalFen } = weigh(current, input.lineNo, input.weight);
    const table = logged(
      { ...current.table!, lines, awaitingWeight: awaitingWeight(lines) },
      current.status,
      current.status,
      staffActor(staff),
      at,
      `称重 ${line.name} ${input.weight}`,
    );
    // Weighing corrects the amounts before payment: the state machine's `correct`.
    return { order: (await changeTableOrder(tx, current, { type: 'correct' }, { table, items, totalFen, at }))! };
  });
  return toTableOrderView(order, {});
}

/** 柜台收款: staff confirm cash or card for the whole order; audited; requestId makes a repeat a no-op. */
export async function confirmCounterPayment(
  input: { storeId: string; orderId: string; method: CounterMethod; requestId: string },
  staff: StaffMember,
  at = new Date(),
): Promise<CounterPaymentConfirmation<Date>> {
  const before = await storeOrder(input.storeId, input.orderId);
  if (before.table!.counterPayment?.requestId === input.requestId) {
    const cp = before.table!.counterPayment;
    return {
      order: toTableOrderView(before, {}),
      method: cp.method,
      paidFen: before.paidFen ?? 0,
      confirmedBy: cp.confirmedBy,
      confirmedAt: new Date(cp.confirmedAt),
    };
  }
  const order = await change(input.orderId, async (tx, current) => {
    if (current.table!.awaitingWeight)
      throw new AppError(Errors.ORDER_STEP_REFUSED, { message: '称重菜还未称重，不能收款', details: { field: 'orderId', reason: 'awaiting_weight' } });
    const table: TableOrderFacts = {
      ...logged(current.table!, current.status, current.status, staffActor(staff), at, `柜台收款 ${input.method}`),
      counterPayment: { method: input.method, requestId: input.requestId, confirmedBy: staff._id, confirmedAt: at },
      posPush: { status: 'pending', reason: 'paid', at },
    };
    const written = (await changeTableOrder(
      tx,
      current,
      { type: 'pay' },
      { table, paidFen: current.totalFen, paidAt: at, paymentMethod: input.method, paymentId: `counter_${input.requestId}`, at },
    ))!;
    await appendAuditInTransaction(tx, {
      action: 'ordering.confirmCounterPayment',
      targetType: 'order',
      targetId: current._id,
      storeId: current.storeId,
      context: 'ordering',
      actorOpenid: staff.openid,
      actorName: staff.name,
      actorRole: staff.role,
      details: { method: input.method, amountFen: current.totalFen, requestId: input.requestId },
    });
    return { order: written };
  });
  return { order: toTableOrderView(order, {}), method: input.method, paidFen: order.paidFen ?? 0, confirmedBy: staff._id, confirmedAt: at };
}

/** Cancellation by the diner (placer) or by staff, per the written rules (domain/table-order.ts cancelVerdict). */
export async function cancel(
  input: { orderId: string; reason: string; storeId?: string },
  actor: { kind: 'diner'; openid: string } | { kind: 'staff'; staff: StaffMember },
  at = new Date(),
): Promise<TableOrderView<Date>> {
  if (actor.kind === 'staff') await storeOrder(input.storeId!, input.orderId);
  else {
    const order = await findOrder(input.orderId);
    if (!order?.table || !order.table.diners.includes(actor.openid)) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
  }
  const by = actor.kind === 'diner' ? `diner:${actor.openid}` : staffActor(actor.staff);
  const order = await change(input.orderId, async (tx, current) => {
    const verdict = cancelVerdict(current, actor.kind === 'diner' ? actor : { kind: 'staff', role: actor.staff.role });
    const counterPaid =
      actor.kind === 'staff' && actor.staff.role !== 'clerk' && isPaid(current) && current.table!.counterPayment && current.refundStatus == null;
    if (!verdict.ok && !counterPaid)
      throw new AppError(Errors.CANCEL_NOT_ALLOWED, {
        message: verdict.ok ? undefined : verdict.reason,
        details: { field: 'orderId', reason: verdict.ok ? '' : verdict.reason },
      });
    let base = current;
    const table = { ...logged(current.table!, current.status, 'cancelled', by, at, input.reason || undefined), cancellation: { by, reason: input.reason, at } };
    if (counterPaid && actor.kind === 'staff') {
      // Cash / card taken at the counter goes back at the counter: recorded as a full refund, audited.
      base = (await changeTableOrder(tx, base, { type: 'refund_requested' }, { table: base.table!, at }))!;
      base = (await changeTableOrder(tx, base, { type: 'refund_succeeded', fully: true }, { table: base.table!, at }))!;
      await appendAuditInTransaction(tx, {
        action: 'ordering.refundCounterPayment',
        targetType: 'order',
        targetId: current._id,
        storeId: current.storeId,
        context: 'ordering',
        actorOpenid: actor.staff.openid,
        actorName: actor.staff.name,
        actorRole: actor.staff.role,
        details: { amountFen: current.paidFen ?? 0, method: current.paymentMethod ?? '', reason: input.reason },
      });
    }
    return { order: (await changeTableOrder(tx, base, { type: 'cancel' }, { table, at, ...(counterPaid ? { refundedFen: current.paidFen ?? 0 } : {}) }))! };
  });
  return toTableOrderView(order, actor.kind === 'diner' ? { openid: actor.openid } : {});
}

export async function tableOrdersOf(scene: string, openid: string): Promise<TableOrderView<Date>[]> {
  const table = await openTable(scene);
  const orders = await listActiveOrdersOfTable(table._id);
  return orders.map((o) => toTableOrderView(o, { openid }));
}

/** One table order for a diner who placed it or has a line on it; anyone else: not found. */
export async function tableOrderFor(orderId: string, openid: string): Promise<TableOrderView<Date>> {
  const order = await findOrder(orderId);
  if (!order?.table || (order.openid !== openid && !order.table.diners.includes(openid)))
    throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
  return toTableOrderView(order, { openid });
}
