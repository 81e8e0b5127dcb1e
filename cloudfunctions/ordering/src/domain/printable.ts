import type { OrderRecord, TableOrderLine } from '../../../shared/orders/order-record';
import { orderNumberOf } from '../../../shared/orders/order-record';
import type { PrintableLine, PrintableOrder } from '../printing';

/** What a kitchen ticket shows of a table order and its lines (the printing use case's input). */
export function printableOrder(order: OrderRecord): PrintableOrder {
  return {
    _id: order._id,
    storeId: order.storeId,
    orderNo: orderNumberOf(order._id),
    tableName: order.table?.tableName,
    partySize: order.table?.partySize,
    remarks: order.table?.remarks,
    placedAt: order.createdAt ?? new Date(),
  };
}

const UNIT = { jin: '斤', kg: 'kg' } as const;

export function printableLines(order: OrderRecord, lines: readonly TableOrderLine[]): PrintableLine[] {
  return lines.map((line) => {
    const item = order.items[line.lineNo - 1];
    return {
      lineId: `${order._id}:${line.lineNo}`,
      name: line.name,
      quantity: line.soldByWeight && line.weight !== null ? line.weight : line.portions,
      ...(line.soldByWeight ? { unit: UNIT[line.weightUnit ?? 'jin'] } : {}),
      station: line.station,
      ...(line.remark ? { remarks: line.remark } : {}),
      unitPriceFen: item?.unitPriceFen,
      amountFen: item?.amountFen,
    };
  });
}
