import type { AbnormalReason } from '../../../../typings/api/cabinet-views';

/**
 * What happens to a vendor order once it arrives (seed 4.2, 4.3, 五.5.1), decided without I/O:
 * nothing taken → the session closes and nothing is charged; an abnormal push or a total above
 * the store's amount limit → staff review, not charged; otherwise Pay Score is completed or gift
 * tickets are spent, the part tickets cannot cover becoming a pending WeChat Pay payment.
 */
export interface PushedLine {
  sku: string;
  quantity: number;
  unitPriceFen: number;
}

export type ReviewReason = AbnormalReason | 'amount_limit' | 'amount_mismatch';

export type Settlement =
  | { kind: 'empty' }
  | { kind: 'review'; reason: ReviewReason; totalFen: number; detail: string }
  | { kind: 'payscore'; totalFen: number }
  | { kind: 'tickets'; totalFen: number; ticketFen: number; tickets: number; dueFen: number };

export interface SettlementInput {
  lines: readonly PushedLine[];
  /** the vendor's own total, when it sent one */
  vendorTotalFen?: number;
  /** set for an abnormal-order push */
  abnormal?: { reason: AbnormalReason; description?: string };
  amountLimitFen: number;
  method: 'payscore' | 'tickets';
  ticketBalance: number;
  ticketsPerYuan: number;
}

export function linesTotalFen(lines: readonly PushedLine[]): number {
  const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceFen, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError('订单金额过大');
  return total;
}

/** Fen the balance can pay at `ticketsPerYuan`: floor(balance × 100 / rate), exact in integers. */
export function fenCoveredByTickets(balance: number, ticketsPerYuan: number): number {
  if (!Number.isSafeInteger(balance) || balance <= 0) return 0;
  return Math.floor((balance * 100) / ticketsPerYuan);
}

/** Tickets for `fen` at `ticketsPerYuan` (yuan × rate): a fraction of a ticket rounds up, as shared/members does. */
export function ticketsForFen(fen: number, ticketsPerYuan: number): number {
  return Math.ceil((fen * ticketsPerYuan) / 100);
}

export function decideSettlement(input: SettlementInput): Settlement {
  const totalFen = linesTotalFen(input.lines);
  if (input.abnormal) {
    return { kind: 'review', reason: input.abnormal.reason, totalFen, detail: input.abnormal.description ?? '' };
  }
  if (input.lines.length === 0 || totalFen === 0) return { kind: 'empty' };
  if (input.vendorTotalFen !== undefined && input.vendorTotalFen !== totalFen) {
    return { kind: 'review', reason: 'amount_mismatch', totalFen, detail: `厂商合计 ${input.vendorTotalFen} 分，逐行合计 ${totalFen} 分` };
  }
  if (totalFen > input.amountLimitFen) {
    return { kind: 'review', reason: 'amount_limit', totalFen, detail: `订单金额 ${totalFen} 分超过门店限额 ${input.amountLimitFen} 分` };
  }
  if (input.method === 'payscore') return { kind: 'payscore', totalFen };
  const ticketFen = Math.min(totalFen, fenCoveredByTickets(input.ticketBalance, input.ticketsPerYuan));
  return { kind: 'tickets', totalFen, ticketFen, tickets: ticketsForFen(ticketFen, input.ticketsPerYuan), dueFen: totalFen - ticketFen };
}
