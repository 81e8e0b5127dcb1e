import { connectSdk } from '../helpers/emulator';
import { DEVICE, openAndWait, requestId, sessionState, startCabinetHarness, type CabinetHarness } from './support';

/**
 * Seed 五.5.1: a failing step is retried 15 s, 30 s and 60 s later (persisted, timer-driven), then
 * handed to the manual-handling queue with its reason; staff retry it from there. The clock is
 * advanced by moving the job's due time, as the timer would find it later.
 */
describe('cabinet: retries and the manual queue', () => {
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
    h.sandbox.fault({ failNextComplete: null });
  });
  const authorized = async () => {
    const openid = h.diner();
    await h.authorize(openid);
    return openid;
  };
  const job = (id: string) => h.doc('cabinet_jobs', id);
  /** the job's retry becomes due now (time passes), then the timer runs */
  async function retryNow(id: string) {
    const before = job(id);
    const waitedMs = new Date(before.nextAttemptAt).getTime() - new Date(before.updatedAt).getTime();
    await connectSdk(h.emulator.url)
      .database()
      .collection('cabinet_jobs')
      .doc(id)
      .update({ data: { nextAttemptAt: new Date(Date.now() - 1) } });
    await h.fireTimer();
    await h.settle();
    return Math.round(waitedMs / 1000);
  }

  it('the open command fails three times and succeeds on the third scheduled retry (15 s, 30 s, 60 s)', async () => {
    const openid = await authorized();
    h.sim.fault({ commandErrors: 3 });
    const open = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, openid);
    expect(open.data.session).toMatchObject({ state: 'opening' });
    const id = `vendor.openDoor:${open.data.session.sessionId}`;
    expect(job(id)).toMatchObject({ status: 'pending', attempts: 1 });
    const waits = [await retryNow(id), await retryNow(id), await retryNow(id)];
    expect(waits).toEqual([15, 30, 60]);
    expect(job(id)).toMatchObject({ status: 'delivered', attempts: 4 });
    const opened = await sessionState(h, openid, open.data.session.sessionId, (s) => s === 'opened');
    expect(opened.state).toBe('opened');
    await h.emulator.http('POST', '/_emulator/cabinet/empty', { body: { device: DEVICE } });
    await sessionState(h, openid, open.data.session.sessionId, (s) => s === 'empty');
  });

  it('after the last retry fails the step is in the manual queue with its reason; 立即重试 resolves it', async () => {
    const openid = await authorized();
    h.sim.fault({ commandErrors: 4 });
    const open = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, openid);
    const sessionId = open.data.session.sessionId;
    const id = `vendor.openDoor:${sessionId}`;
    await retryNow(id);
    await retryNow(id);
    await retryNow(id);
    expect(job(id)).toMatchObject({ status: 'dead', attempts: 4 });
    const queue = await h.call('listManualTasks', { status: 'open', kind: 'vendor_call' }, 'demo-manager-openid');
    const task = queue.data.items.find((t: { sessionId: string }) => t.sessionId === sessionId);
    expect(task).toMatchObject({ kindText: '厂商接口调用失败', reason: expect.stringContaining('重试 4 次仍失败') });
    const retried = await h.call('retryManualTask', { taskId: task.taskId }, 'demo-manager-openid');
    expect(retried.data).toMatchObject({ status: 'resolved' });
    await sessionState(h, openid, sessionId, (s) => s === 'opened');
    await h.emulator.http('POST', '/_emulator/cabinet/empty', { body: { device: DEVICE } });
    await sessionState(h, openid, sessionId, (s) => s === 'empty');
  });

  it('a Pay Score completion that fails is retried from the persisted order push and charges once', async () => {
    const openid = await authorized();
    const sessionId = await openAndWait(h, openid);
    h.sandbox.fault({ failNextComplete: { status: 500, code: 'SYSTEM_ERROR' } });
    await h.emulator.http('POST', '/_emulator/cabinet/close', { body: { device: DEVICE, goods: 'XM-SKU-WATER:1' } });
    const settling = await sessionState(h, openid, sessionId, (s) => s === 'settling');
    expect(settling.state).toBe('settling');
    const [pushJob] = h.where('cabinet_jobs', { event: 'order.push' }).filter((j) => j.data.requestId === sessionId);
    expect(pushJob).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await retryNow(pushJob._id)).toBe(15);
    const paid = await sessionState(h, openid, sessionId, (s) => s === 'paid');
    expect(paid.state).toBe('paid');
    expect(h.where('payments', { openid, status: 'paid' })).toHaveLength(1);
  });
});
