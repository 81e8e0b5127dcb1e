import type { OrderRecord, TableOrderLine } from '../../../../shared/orders/order-record';
import { kitchenBatchOf } from './table-batch';

const line = (lineNo: number, name: string, addition: number, extra: Partial<TableOrderLine> = {}): TableOrderLine => ({
  lineNo,
  dishId: `d${lineNo}`,
  name,
  portions: 1,
  soldByWeight: false,
  weightUnit: null,
  weight: null,
  station: 'hot',
  remark: '',
  addition,
  addedBy: 'o1',
  carbonKg: null,
  baselineKg: null,
  ...extra,
});

const order = {
  _id: 'ord_abc',
  storeId: 's1',
  openid: 'o1',
  source: 'table',
  items: [],
  totalFen: 0,
  status: 'confirmed',
  createdAt: new Date('2026-12-04T12:00:00Z'),
  table: {
    tableId: 'A01',
    tableName: 'A01',
    partySize: 3,
    remarks: '',
    lines: [
      line(1, '宫保鸡丁', 0),
      line(2, '拍黄瓜', 0, { station: 'cold' }),
      line(3, '水煮鱼', 1),
      line(4, '多宝鱼', 2, { soldByWeight: true, weightUnit: 'jin', portions: 1 }),
    ],
    additionCount: 2,
  },
} as unknown as OrderRecord;

describe('kitchen batches of a table order', () => {
  it('round 0 is the order as placed', () => {
    expect(kitchenBatchOf(order, 0).lines.map((l) => l.name)).toEqual(['宫保鸡丁', '拍黄瓜']);
  });

  it('a 加菜 round holds only its own lines (the delta), with the stations and a weighed dish awaiting weight', () => {
    expect(kitchenBatchOf(order, 1).lines).toEqual([{ lineId: '1:3', name: '水煮鱼', quantity: 1, station: 'hot' }]);
    expect(kitchenBatchOf(order, 2).lines).toEqual([{ lineId: '2:4', name: '多宝鱼', quantity: 1, station: 'hot', remarks: '待称重' }]);
    expect(kitchenBatchOf(order, 1).order).toMatchObject({ tableName: 'A01', partySize: 3 });
  });
});
