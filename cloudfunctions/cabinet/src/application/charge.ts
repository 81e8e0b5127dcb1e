import { ledgerId } from '../../../shared/members/member-record';
import { spendTicketsInTransaction } from '../../../shared/members/ledger';
import { MemberLedgerErrors } from '../../../shared/members/errors';
import { AppError } from '../../../shared/kit';
import {
  markPaid,
  orderNumberOf,
  placeOrder,
  placeOrderAlone,
  txFindOrder,
  updateCabinetFacts,
  type CabinetOrderFacts,
  type OrderRecord,
} from '../../../shared/orders';
import type { Transaction } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import type { LoyaltyProgram } from '../../../shared/members/program';

/**
 * The order and its gift-ticket money, written together (seed 五.5.2): the order, the ticket
 * ledger row and balance, and — when tickets cover everything — the order marked paid, in ONE
 * transaction. A failure anywhere rolls all of it back; a balance that no longer covers the
 * tickets (spent elsewhere since the door opened) leaves the order owed in full instead, and the
 * diner is told.
 */
export interface CabinetLine {
  sku: string;
  name: string;
  quantity: number;
  unitPriceFen: number;
}

export interface PlaceInput {
  orderId: string;
  storeId: string;
  openid: string;
  title: string;
  lines: CabinetLine[];
  facts: CabinetOrderFacts;
  at: Date;
}

export interface TicketCharge {
  ticketFen: number;
  tickets: number;
  program: LoyaltyProgram;
}

export interface Placed {
  order: OrderRecord;
  /** this call created it (false: it was there already) */
  created: boolean;
  /** the ticket deduction was refused and rolled back: everything is owed by WeChat Pay */
  ticketsRefused: boolean;
}

const orderInput = (input: PlaceInput, facts: CabinetOrderFacts) => ({
  _id: input.orderId,
  storeId: input.storeId,
  openid: input.openid,
  source: 'cabinet' as const,
  title: input.title,
  items: input.lines.map((line) => ({ itemId: line.sku, name: line.name, quantity: line.quantity, unitPriceFen: line.unitPriceFen })),
  at: input.at,
  cabinet: facts,
});

async function spend(tx: Transaction, order: OrderRecord, openid: string, charge: TicketCharge): Promise<{ facts: CabinetOrderFacts; paid: boolean }> {
  const spent = await spendTicketsInTransaction(tx, {
    openid,
    sourceId: order._id,
    amountFen: charge.ticketFen,
    reason: `订单 ${orderNumberOf(order._id)} 礼票支付`,
    program: charge.program,
    storeId: order.storeId,
  });
  const dueFen = order.totalFen - charge.ticketFen;
  const facts: CabinetOrderFacts = { ...order.cabinet!, ticketFen: charge.ticketFen, ticketsSpent: spent.tickets, wechatFen: dueFen };
  return { facts, paid: dueFen === 0 };
}

/**
 * Places the order (idempotent on its id); with `tickets`, spends them in the same transaction.
 * Without tickets nothing else changes with the order: one insert, no transaction.
 */
export async function placeCabinetOrder(input: PlaceInput, tickets: TicketCharge | null): Promise<Placed> {
  const run = (withTickets: TicketCharge | null): Promise<Omit<Placed, 'ticketsRefused'>> =>
    withTickets ? spendAndPlace(withTickets) : placeOrderAlone(orderInput(input, input.facts));
  const spendAndPlace = (withTickets: TicketCharge) =>
    runInTransaction(async (tx) => {
      const existing = await txFindOrder(tx, input.orderId);
      if (existing) return { order: existing, created: false };
      const facts = { ...input.facts, ticketFen: 0, ticketsSpent: 0, wechatFen: 0 };
      const placed = await placeOrder(tx, orderInput(input, facts));
      if (withTickets.ticketFen === 0) return { order: placed, created: true };
      const { facts: spentFacts, paid } = await spend(tx, placed, input.openid, withTickets);
      await updateCabinetFacts(tx, placed._id, spentFacts, input.at);
      const order = { ...placed, cabinet: spentFacts };
      if (!paid) return { order, created: true };
      const paidOrder = await markPaid(tx, order, {
        paymentId: ledgerId('payment', placed._id),
        method: 'tickets',
        paidFen: placed.totalFen,
        paidAt: input.at,
        at: input.at,
      });
      return { order: paidOrder ?? order, created: true };
    });
  try {
    return { ...(await run(tickets)), ticketsRefused: false };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== MemberLedgerErrors.INSUFFICIENT_TICKETS.code) throw error;
    // Rolled back: no ticket moved. The order stands with everything owed by WeChat Pay.
    return { ...(await run(null)), ticketsRefused: true };
  }
}

/** A reviewed order approved for tickets: spend and (if covered) mark paid, in one transaction. */
export async function chargeTicketsOnOrder(orderId: string, openid: string, charge: TicketCharge): Promise<OrderRecord | null> {
  const at = new Date();
  return runInTransaction(async (tx) => {
    const order = await txFindOrder(tx, orderId);
    if (!order || order.status !== 'pending' || !order.cabinet) return order;
    if (charge.ticketFen === 0) return order;
    const { facts, paid } = await spend(tx, order, openid, charge);
    await updateCabinetFacts(tx, orderId, facts, at);
    const updated = { ...order, cabinet: facts };
    if (!paid) return updated;
    return (await markPaid(tx, updated, { paymentId: ledgerId('payment', orderId), method: 'tickets', paidFen: order.totalFen, paidAt: at, at })) ?? updated;
  });
}
