import { z } from 'zod';
import type { LedgerChangeResult, LedgerPage } from '../../../../typings/api/member';
import { defineAction, requireOpenid } from '../../../shared/kit';
import { toLedgerEntry } from '../domain/member-views';
import { redeemPoints } from '../repositories/ledger-command-repository';
import { listPointsLogs, listTicketLogs } from '../repositories/ledger-query-repository';
import { idempotencyKeyField, pageFields, reasonField } from './schemas';

const pageInput = z.object(pageFields).strict();

function toPage<T>(items: T[], total: number, page: number, pageSize: number) {
  return { items, total, page, pageSize, hasMore: (page - 1) * pageSize + items.length < total };
}

export const listPointsLogsAction = defineAction({
  input: pageInput,
  handler: async (input, ctx): Promise<LedgerPage> => {
    const openid = requireOpenid(ctx.caller);
    const { items, total } = await listPointsLogs({ openid, page: input.page, pageSize: input.pageSize });
    return toPage(
      items.map((row) => toLedgerEntry(row, row.points)),
      total,
      input.page,
      input.pageSize,
    );
  },
});

export const listTicketLogsAction = defineAction({
  input: pageInput,
  handler: async (input, ctx): Promise<LedgerPage> => {
    const openid = requireOpenid(ctx.caller);
    const { items, total } = await listTicketLogs({ openid, page: input.page, pageSize: input.pageSize });
    return toPage(
      items.map((row) => toLedgerEntry(row, row.tickets)),
      total,
      input.page,
      input.pageSize,
    );
  },
});

/** Seed 003 `/redeem`: spends points, never below zero; a retried key replays the first result. */
export const redeemPointsAction = defineAction({
  input: z
    .object({
      points: z.number().int().min(1).max(10_000_000),
      reason: reasonField,
      idempotencyKey: idempotencyKeyField,
    })
    .strict(),
  handler: async (input, ctx): Promise<LedgerChangeResult> => {
    const openid = requireOpenid(ctx.caller);
    const { row, alreadyApplied } = await redeemPoints({ openid, ...input });
    return { change: row.points, balanceAfter: row.balanceAfter, replayed: alreadyApplied };
  },
});
