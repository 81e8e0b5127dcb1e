import { orderNumberOf } from '../../cloudfunctions/shared/orders';
import { DEVICE, requestId, startCabinetHarness, waitFor, type CabinetHarness } from './support';

/**
 * The diner's whole flow on the emulator with the simulated 小麦 cabinet and the Pay Score
 * sandbox: scan → checks → open (no-confirm service order) → door opens → close with goods →
 * order through the order kernel → Pay Score completion → USER_PAID (payment function) → paid.
 */
describe('cabinet: Pay Score purchase end to end', () => {
  let h: CabinetHarness;
  beforeAll(async () => {
    h = await startCabinetHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('scan → open → push → Pay Score completion → USER_PAID → paid, one order, one charge', async () => {
    const openid = h.diner();
    const scan = await h.call('resolveScan', { scene: encodeURIComponent(`d=${DEVICE}`) }, openid);
    expect(scan.data).toMatchObject({ kind: 'device', device: { deviceCode: DEVICE, availability: 'available' } });

    let checks = await h.call('checkBeforeOpen', { deviceCode: DEVICE }, openid);
    if (checks.code !== 0) throw new Error(JSON.stringify(checks));
    expect(checks.data.checks.map((c: { step: string }) => c.step)).toEqual(['phone', 'unpaid', 'tickets', 'payscore']);
    expect(checks.data.methods.find((m: { method: string }) => m.method === 'payscore')).toMatchObject({ available: false });
    await h.authorize(openid);
    checks = await h.call('checkBeforeOpen', { deviceCode: DEVICE }, openid);
    expect(checks.data).toMatchObject({ canOpen: true, payScore: { state: 'authorized', mode: 'no_confirm' } });

    const rid = requestId();
    const opened = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: rid }, openid);
    expect(opened.code).toBe(0);
    const sessionId = opened.data.session.sessionId;
    const again = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: rid }, openid);
    expect(again.data).toMatchObject({ replayed: true, session: { sessionId } });

    await h.settle();
    const inside = await waitFor(
      () => h.call('getSession', { sessionId }, openid),
      (r) => r.data.state === 'opened',
    );
    expect(inside.data).toMatchObject({ state: 'opened', hint: expect.stringContaining('关门后自动结算') });

    const closed = await h.emulator.http('POST', '/_emulator/cabinet/close', { body: { device: DEVICE, goods: 'XM-SKU-COLA:2,XM-SKU-CHIPS:1' } });
    expect(closed.status).toBe(200);
    await h.settle();
    const paid = await waitFor(
      () => h.call('getSession', { sessionId }, openid),
      (r) => r.data.state === 'paid',
    );
    expect(paid.data).toMatchObject({
      state: 'paid',
      final: true,
      order: {
        totalFen: 1350,
        split: { paymentType: 'payscore', ticketFen: 0 },
        items: [
          { name: '可乐 330ml', quantity: 2 },
          { name: '薯片 70g', quantity: 1 },
        ],
      },
    });
    const orderId = paid.data.order.orderId;
    expect(h.doc('orders', orderId)).toMatchObject({ status: 'paid', source: 'cabinet', totalFen: 1350, cabinet: { deviceCode: DEVICE, orderType: 'normal' } });
    const payments = h.where('payments', { orderId });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ method: 'payscore', status: 'paid', payableFen: 1350 });
    expect(h.doc('devices', DEVICE)).toMatchObject({ sessionId: null });

    // Staff see it (phone masked) in the cabinet order list.
    const list = await h.call('listCabinetOrders', { storeId: 'rest_123456' }, 'demo-admin-openid');
    expect(list.data.items[0]).toMatchObject({
      orderId,
      orderNumber: orderNumberOf(orderId),
      userPhone: expect.stringMatching(/^138\*{4}\d{4}$/),
      state: 'paid',
    });
  });
});
