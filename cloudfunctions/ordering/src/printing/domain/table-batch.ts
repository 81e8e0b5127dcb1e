import { orderNumberOf, type OrderRecord, type TableOrderLine } from '../../../../shared/orders/order-record';
import type { PrintableLine, PrintableOrder } from './types';

const UNIT_LABELS: Record<'jin' | 'kg', string> = { jin: '斤', kg: 'kg' };

/**
 * A kitchen line from a table order line: portions for portion dishes; a weighed dish prints
 * its weight once weighed, else the portions asked for with 「待称重」.
 */
export function printableLine(line: TableOrderLine): PrintableLine {
  const weighed = line.soldByWeight && line.weight !== null;
  const unit = line.soldByWeight && line.weightUnit ? UNIT_LABELS[line.weightUnit] : undefined;
  return {
    lineId: `${line.addition}:${line.lineNo}`,
    name: line.name,
    quantity: weighed ? (line.weight as number) : line.portions,
    ...(weighed && unit ? { unit } : {}),
    station: line.station,
    remarks: [line.remark, line.soldByWeight && !weighed ? '待称重' : ''].filter(Boolean).join('；') || undefined,
  };
}

/**
 * What the kitchen prints for one round of a table order: round 0 is the order as placed, round
 * n the n-th 加菜 — ONLY that round's lines, so an addition prints the delta and never the dishes
 * the kitchen already has.
 */
export function kitchenBatchOf(order: OrderRecord, addition: number): { order: PrintableOrder; lines: PrintableLine[] } {
  const table = order.table;
  return {
    order: {
      _id: order._id,
      storeId: order.storeId,
      orderNo: orderNumberOf(order._id),
      tableName: table?.tableName,
      partySize: table?.partySize,
      remarks: table?.remarks || undefined,
      placedAt: order.createdAt ?? new Date(),
    },
    lines: (table?.lines ?? []).filter((line) => line.addition === addition).map(printableLine),
  };
}
