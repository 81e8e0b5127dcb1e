import { connectSdk } from '../helpers/emulator';
import { DEVICE, openAndWait, requestId, sessionState, startCabinetHarness, type CabinetHarness } from './support';

/** Door sessions: one per device and per diner, offline devices refused, doors that never open, unpaid orders blocking. */
describe('cabinet: door sessions', () => {
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
  const db = () => connectSdk(h.emulator.url).database();

  it('two diners scanning one device at once: one session, the other is told the cabinet is in use', async () => {
    const [a, b] = await Promise.all([authorized(), authorized()]);
    const [ra, rb] = await Promise.all([
      h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, a),
      h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, b),
    ]);
    const codes = [ra.code, rb.code].sort();
    expect(codes).toEqual([0, 40991]);
    const winner = ra.code === 0 ? { openid: a, reply: ra } : { openid: b, reply: rb };
    expect(h.where('cabinet_sessions', { deviceCode: DEVICE }).filter((s) => ['opening', 'opened'].includes(s.state))).toHaveLength(1);
    const loser = ra.code === 0 ? b : a;
    expect(h.where('payments', { openid: loser })).toHaveLength(0);
    // the same diner cannot hold two sessions either
    const second = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, winner.openid);
    expect(second.code).toBe(40991);
    await h.settle();
    await h.emulator.http('POST', '/_emulator/cabinet/empty', { body: { device: DEVICE } });
    await sessionState(h, winner.openid, winner.reply.data.session.sessionId, (s) => s === 'empty');
  });

  it('an offline device is refused with its own page state', async () => {
    const openid = await authorized();
    await db()
      .collection('devices')
      .doc(DEVICE)
      .update({ data: { online: false } });
    const scan = await h.call('resolveScan', { deviceCode: DEVICE }, openid);
    expect(scan.data.device).toMatchObject({ availability: 'offline', availabilityText: expect.stringContaining('离线') });
    const open = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, openid);
    expect(open).toMatchObject({ code: 40090, details: { availability: 'offline' } });
    expect(h.where('cabinet_sessions', { openid })).toHaveLength(0);
    // back online through the vendor's heartbeat
    await h.emulator.http('POST', '/_emulator/cabinet/heartbeat', { body: { device: DEVICE } });
    await h.settle();
    expect((await h.call('resolveScan', { deviceCode: DEVICE }, openid)).data.device.availability).toBe('available');
  });

  it('unknown and maintenance devices get their page', async () => {
    const openid = h.diner();
    expect((await h.call('resolveScan', { scene: 'd=XM-NOPE-9999' }, openid)).data.device.availability).toBe('unknown');
    expect((await h.call('resolveScan', { scene: 's=SH-001' }, openid)).data).toMatchObject({ kind: 'store', devices: [{ deviceCode: DEVICE }] });
    await h.emulator.http('POST', '/_emulator/cabinet/alarm', { body: { device: DEVICE, kind: 'lock', state: 'raised' } });
    await h.settle();
    expect((await h.call('resolveScan', { deviceCode: DEVICE }, openid)).data.device.availability).toBe('maintenance');
    await h.emulator.http('POST', '/_emulator/cabinet/alarm', { body: { device: DEVICE, kind: 'lock', state: 'resolved' } });
    await h.settle();
    expect((await h.call('resolveScan', { deviceCode: DEVICE }, openid)).data.device.availability).toBe('available');
    const detail = await h.call('getDevice', { deviceCode: DEVICE }, 'demo-clerk-openid');
    expect(detail.data.recentAlarms[0]).toMatchObject({ kind: 'lock', kindText: '门锁故障' });
  });

  it('the door never opens: the session ends on the timer and the Pay Score order is cancelled', async () => {
    const openid = await authorized();
    h.sim.fault({ commandTimeouts: 1 });
    const open = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, openid);
    expect(open.data.session.state).toBe('opening');
    const sessionId = open.data.session.sessionId;
    await db()
      .collection('cabinet_sessions')
      .doc(sessionId)
      .update({ data: { openDeadline: new Date(Date.now() - 1000) } });
    await h.fireTimer();
    const ended = await sessionState(h, openid, sessionId, (s) => s === 'timeout');
    expect(ended).toMatchObject({ state: 'timeout', final: true, hint: expect.stringContaining('未扣款') });
    const [payment] = h.where('payments', { openid });
    expect(payment.status).toBe('closed');
    expect(h.doc('devices', DEVICE)).toMatchObject({ sessionId: null });
    expect(h.doc('cabinet_diners', openid)).toMatchObject({ sessionId: null });
  });

  it('phone not bound: the checks say so first and the door does not open', async () => {
    const openid = h.diner(0, false);
    const checks = await h.call('checkBeforeOpen', { deviceCode: DEVICE }, openid);
    expect(checks.data).toMatchObject({ blockedBy: 'phone', canOpen: false, phoneBound: false });
    expect((await h.call('openDoor', { deviceCode: DEVICE, method: 'tickets', requestId: requestId() }, openid)).code).toBe(40091);
  });

  it('restock: staff open the door in restock mode; it ends when the door closes', async () => {
    const opened = await h.call('openForRestock', { deviceCode: DEVICE, requestId: requestId() }, 'demo-clerk-openid');
    expect(opened.code).toBe(0);
    await h.settle();
    await h.emulator.http('POST', '/_emulator/cabinet/empty', { body: { device: DEVICE } });
    await h.settle();
    expect(h.doc('cabinet_sessions', opened.data.sessionId)).toMatchObject({ state: 'restocked', purpose: 'restock' });
    expect(h.where('orders', { openid: 'demo-clerk-openid' })).toHaveLength(0);
  });

  it('a session of the diner resumes on 购物中', async () => {
    const openid = await authorized();
    const sessionId = await openAndWait(h, openid);
    expect((await h.call('getCurrentSession', {}, openid)).data).toMatchObject({ sessionId, state: 'opened' });
    await h.emulator.http('POST', '/_emulator/cabinet/empty', { body: { device: DEVICE } });
    await sessionState(h, openid, sessionId, (s) => s === 'empty');
    expect((await h.call('getCurrentSession', {}, openid)).data).toBeNull();
  });
});
