import { INBOUND_ROUTES } from '../../cloudfunctions/cabinet/src/adapters/xiaomai/protocol';
import { DEVICE, openAndWait, sessionState, startCabinetHarness, type CabinetHarness } from './support';

/**
 * The vendor's pushes: signed (forged, stale and replayed ones refused with nothing written),
 * idempotent (a duplicate order push is one order and one charge), out of order (the order before
 * door.closed), empty and over-limit orders, abnormal orders.
 */
describe('cabinet: vendor callbacks', () => {
  let h: CabinetHarness;
  beforeAll(async () => {
    h = await startCabinetHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(async () => {
    await h.settle();
    h.sim.fault('clear');
  });

  const authorized = async () => {
    const openid = h.diner();
    await h.authorize(openid);
    return openid;
  };
  const close = (goods?: string) => h.emulator.http('POST', '/_emulator/cabinet/close', { body: { device: DEVICE, ...(goods ? { goods } : {}) } });
  const heartbeat = (eventId: string) => ({ eventId, deviceCode: DEVICE, online: true, doorState: 'closed', reportedAt: new Date().toISOString() });

  it('refuses forged, stale and replayed callbacks and writes nothing for them', async () => {
    const counts = () => ({ jobs: h.count('cabinet_jobs'), nonces: h.count('cabinet_nonces') });
    const before = counts();
    const forged = await h.push(INBOUND_ROUTES.heartbeats.path, heartbeat('EV-forged-0001'), { secret: 'not-the-secret-000000000000000' });
    expect(forged).toMatchObject({ status: 401, json: { code: 40194 } });
    const unknown = await h.push(INBOUND_ROUTES.heartbeats.path, heartbeat('EV-unknown-001'), { apiKey: 'ck_nobody' });
    expect(unknown).toMatchObject({ status: 401, json: { code: 40191 } });
    const stale = await h.push(INBOUND_ROUTES.heartbeats.path, heartbeat('EV-stale-00001'), { timestamp: new Date(Date.now() - 10 * 60_000) });
    expect(stale).toMatchObject({ status: 401, json: { code: 40193 } });
    expect(counts()).toEqual(before);

    const nonce = 'replayed-nonce-000000000001';
    const first = await h.push(INBOUND_ROUTES.heartbeats.path, heartbeat('EV-replay-0001'), { nonce });
    expect(first).toMatchObject({ status: 200, json: { code: 0, data: { duplicate: false } } });
    const replay = await h.push(INBOUND_ROUTES.heartbeats.path, heartbeat('EV-replay-0001'), { nonce });
    expect(replay).toMatchObject({ status: 409, json: { code: 40990 } });
    expect(counts()).toEqual({ jobs: before.jobs, nonces: before.nonces + 1 });

    const invalid = await h.push(INBOUND_ROUTES.orders.path, { eventId: 'EV-bad-body-01', orderCode: 'x' });
    expect(invalid).toMatchObject({ status: 400, json: { code: 40001 } });
    expect(h.count('cabinet_jobs')).toBe(before.jobs);
  });

  it('a duplicate order push (same and new eventId) is one order and one charge', async () => {
    const openid = await authorized();
    const sessionId = await openAndWait(h, openid);
    h.sim.fault({ duplicatePushes: 1 });
    expect((await close('XM-SKU-WATER:3')).status).toBe(200);
    const done = await sessionState(h, openid, sessionId, (s) => s === 'paid');
    expect(done).toMatchObject({ state: 'paid', order: { totalFen: 600 } });
    expect(h.where('orders', { openid })).toHaveLength(1);
    expect(h.where('payments', { openid, status: 'paid' })).toHaveLength(1);
    // the vendor pushes the very same order once more, with a new eventId
    const job = h.where('cabinet_jobs', { event: 'order.push' }).find((j) => j.data.requestId === sessionId);
    const again = await h.push(INBOUND_ROUTES.orders.path, { ...job.data, eventId: 'EV-resent-order-1' });
    expect(again).toMatchObject({ status: 200, json: { data: { duplicate: true } } });
    expect(h.where('orders', { openid })).toHaveLength(1);
  });

  it('an order pushed before door.closed still ends in exactly one paid order', async () => {
    const openid = await authorized();
    const sessionId = await openAndWait(h, openid);
    h.sim.fault({ orderBeforeClose: 1 });
    await close('XM-SKU-YOGURT:1');
    const done = await sessionState(h, openid, sessionId, (s) => s === 'paid');
    expect(done).toMatchObject({ state: 'paid', order: { totalFen: 580 } });
    expect(done.closedAt).not.toBeNull();
    expect(h.where('orders', { openid })).toHaveLength(1);
    expect(h.doc('devices', DEVICE)).toMatchObject({ sessionId: null });
  });

  it('an empty session closes, cancels Pay Score and charges nothing', async () => {
    const openid = await authorized();
    const sessionId = await openAndWait(h, openid);
    await h.emulator.http('POST', '/_emulator/cabinet/empty', { body: { device: DEVICE } });
    const done = await sessionState(h, openid, sessionId, (s) => s === 'empty');
    expect(done).toMatchObject({ state: 'empty', final: true, order: null });
    expect(h.where('orders', { openid })).toHaveLength(0);
    const [payment] = h.where('payments', { openid });
    expect(payment).toMatchObject({ status: 'closed' });
    expect(h.sandbox.get(payment._id)?.state).toBe('REVOKED');
  });

  it('above the store limit: intercepted for staff review, not charged; staff close it without charge', async () => {
    const openid = await authorized();
    const sessionId = await openAndWait(h, openid);
    await close('XM-SKU-COLA:2:30000');
    const done = await sessionState(h, openid, sessionId, (s) => s === 'review');
    expect(done).toMatchObject({ state: 'review', order: { totalFen: 60000, state: 'review' } });
    const [payment] = h.where('payments', { openid });
    expect(payment.status).toBe('pending');
    expect(payment.payScoreCompletedAt).toBeUndefined();
    const tasks = await h.call('listManualTasks', { storeId: 'rest_123456', status: 'open', kind: 'amount_review' }, 'demo-manager-openid');
    const task = tasks.data.items.find((t: { sessionId: string }) => t.sessionId === sessionId);
    expect(task).toMatchObject({ kind: 'amount_review', reason: expect.stringContaining('超过门店限额') });
    const closed = await h.call('closeManualTask', { taskId: task.taskId, reason: '顾客退回商品' }, 'demo-manager-openid');
    expect(closed.data).toMatchObject({ status: 'closed', closedReason: '顾客退回商品' });
    expect(h.doc('orders', done.order.orderId)).toMatchObject({ status: 'cancelled' });
    await h.settle();
    expect(h.doc('payments', payment._id)).toMatchObject({ status: 'closed' });
  });

  it('an abnormal order goes to review with its reason', async () => {
    const openid = await authorized();
    const sessionId = await openAndWait(h, openid);
    await h.emulator.http('POST', '/_emulator/cabinet/abnormal', { body: { device: DEVICE, reason: 'foreign_object', goods: 'XM-SKU-COLA:1' } });
    const done = await sessionState(h, openid, sessionId, (s) => s === 'review');
    expect(done.state).toBe('review');
    const detail = await h.call('getCabinetOrder', { orderId: done.order.orderId }, 'demo-admin-openid');
    expect(detail.data).toMatchObject({ abnormal: { reason: 'foreign_object', reasonText: '异物' }, state: 'review' });
  });
});
