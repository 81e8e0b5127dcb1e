import { Collections } from '../../cloudfunctions/shared/collections';
import {
  markPaid,
  markPartiallyRefunded,
  markRefundFailed,
  markRefunding,
  OrderTransitionError,
  placeOrder,
  txFindOrder,
} from '../../cloudfunctions/shared/orders';
import type { Database } from '../../cloudfunctions/shared/repositories/database-types';
import { createCollections } from '../../emulator/seed/seed';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';

/** The order kernel's writes exactly as the contexts use them: inside a real wx-server-sdk transaction on the emulator. */
describe('order kernel writes (real SDK transactions on the emulator)', () => {
  let emulator: TestEmulator;
  let db: Database;
  const at = new Date('2026-02-01T04:00:00Z');

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    db = connectSdk(emulator.url).database();
  });
  afterAll(() => emulator.stop());

  const stored = async (id: string) => (await db.collection(Collections.orders).doc(id).get()).data as Record<string, unknown>;
  const place = (id: string) =>
    db.runTransaction((tx) =>
      placeOrder(tx, { _id: id, storeId: 's1', openid: 'diner', source: 'cabinet', items: [{ name: '沙拉', quantity: 2, unitPriceFen: 1500 }], at }),
    );

  it('places an order with one field name per item, and reads it back through the kernel', async () => {
    await place('kernel-1');
    expect(await stored('kernel-1')).toMatchObject({
      _id: 'kernel-1',
      source: 'cabinet',
      items: [{ name: '沙拉', quantity: 2, unitPriceFen: 1500, amountFen: 3000 }],
      totalFen: 3000,
      status: 'pending',
    });
    expect(await db.runTransaction((tx) => txFindOrder(tx, 'kernel-1'))).toMatchObject({ totalFen: 3000, status: 'pending', createdAt: at });
    // the same id twice: the second transaction fails instead of overwriting
    await expect(place('kernel-1')).rejects.toBeTruthy();
  });

  it('pays, refunds in part and fails a refund through the state machine', async () => {
    await place('kernel-2');
    await db.runTransaction((tx) => markPaid(tx, 'kernel-2', { paymentId: 'P1', method: 'wechat', paidFen: 2850, paidAt: at, at }));
    expect(await stored('kernel-2')).toMatchObject({ status: 'paid', paymentId: 'P1', paymentMethod: 'wechat', paidFen: 2850 });
    await db.runTransaction((tx) => markRefunding(tx, 'kernel-2', at));
    expect(await stored('kernel-2')).toMatchObject({ status: 'paid', refundStatus: 'refunding' });
    await db.runTransaction((tx) => markPartiallyRefunded(tx, 'kernel-2', { refundedFen: 1000, at }));
    expect(await stored('kernel-2')).toMatchObject({ status: 'paid', refundStatus: 'partially_refunded', refundedFen: 1000 });
    await db.runTransaction((tx) => markRefunding(tx, 'kernel-2', at));
    await db.runTransaction((tx) => markRefundFailed(tx, 'kernel-2', { refundedBefore: true, at }));
    expect(await stored('kernel-2')).toMatchObject({ refundStatus: 'partially_refunded', refundedFen: 1000 });
  });

  it('a refused event writes nothing and fails the caller’s whole transaction', async () => {
    emulator.db.insertRaw(Collections.orders, [{ _id: 'kernel-3', storeId: 's1', openid: 'diner', source: 'table', totalFen: 100, status: 'cancelled' }]);
    const paying = db.runTransaction(async (tx) => {
      await tx.collection(Collections.payments).add({ data: { _id: 'P-kernel-3', status: 'paid' } });
      await markPaid(tx, 'kernel-3', { paymentId: 'P-kernel-3', method: 'wechat', paidFen: 100, paidAt: at, at });
    });
    await expect(paying).rejects.toBeInstanceOf(OrderTransitionError);
    expect(await stored('kernel-3')).toMatchObject({ status: 'cancelled' });
    expect(await stored('kernel-3')).not.toHaveProperty('paymentId');
    const { data } = await db.collection(Collections.payments).where({ _id: 'P-kernel-3' }).get();
    expect(data).toHaveLength(0);
  });

  it('a write for a missing order leaves it alone', async () => {
    expect(await db.runTransaction((tx) => markRefunding(tx, 'kernel-missing', at))).toBeNull();
    const { data } = await db.collection(Collections.orders).where({ _id: 'kernel-missing' }).get();
    expect(data).toHaveLength(0);
  });
});
