import { memberContract } from '../../../../typings/api/member';
import { implement, requireOpenid } from '../../../shared/kit';
import { toPage } from '../../../shared/repositories/database';
import { toLedgerEntry } from '../domain/member-views';
import { redeemPoints as redeemFromLedger } from '../repositories/ledger-command-repository';
import { listPointsLogs as pointsLogPage, listTicketLogs as ticketLogPage } from '../repositories/ledger-query-repository';
import { findStoreNames } from '../../../shared/repositories/store-names';

export const listPointsLogs = implement(memberContract.actions.listPointsLogs, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const { items, total } = await pointsLogPage({ openid, page: input.page, pageSize: input.pageSize });
  const stores = await findStoreNames(items.map((row) => row.storeId));
  return toPage(
    items.map((row) => toLedgerEntry(row, row.points, stores.get(row.storeId ?? '') || undefined)),
    total,
    input,
  );
});

export const listTicketLogs = implement(memberContract.actions.listTicketLogs, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const { items, total } = await ticketLogPage({ openid, page: input.page, pageSize: input.pageSize });
  const stores = await findStoreNames(items.map((row) => row.storeId));
  return toPage(
    items.map((row) => toLedgerEntry(row, row.tickets, stores.get(row.storeId ?? '') || undefined)),
    total,
    input,
  );
});

/** Seed 003 `/redeem`: spends points, never below zero; a retried key replays the first result. */
export const redeemPoints = implement(memberContract.actions.redeemPoints, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const { row, alreadyApplied } = await redeemFromLedger({ openid, ...input });
  return { change: row.points, balanceAfter: row.balanceAfter, replayed: alreadyApplied };
});
