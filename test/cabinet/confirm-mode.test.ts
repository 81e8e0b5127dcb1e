import { DEVICE, requestId, sessionState, startCabinetHarness, type CabinetHarness } from './support';

/** The merchant's service id lacks the 免确认 permission: each order is confirmed by the diner (wx.openBusinessView) before the door opens. */
describe('cabinet: Pay Score confirm-mode fallback', () => {
  let h: CabinetHarness;
  beforeAll(async () => {
    h = await startCabinetHarness({ WXPAY_PAYSCORE_NO_CONFIRM: 'false' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('open → confirming with openBusinessView data → diner confirms → confirmOpen opens → paid', async () => {
    const openid = h.diner();
    const checks = await h.call('checkBeforeOpen', { deviceCode: DEVICE }, openid);
    expect(checks.data).toMatchObject({ canOpen: true, payScore: { mode: 'confirm' } });
    const open = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, openid);
    expect(open.data).toMatchObject({
      session: { state: 'confirming' },
      payScoreConfirm: { businessType: 'wxpayScoreUse', extraData: { sign_type: 'HMAC-SHA256' } },
    });
    const sessionId = open.data.session.sessionId;
    expect(h.sim.state().commands).toHaveLength(0);
    // not yet confirmed in WeChat: the door stays shut
    expect((await h.call('confirmOpen', { sessionId }, openid)).code).toBe(40949);
    const confirmed = await h.emulator.http('POST', '/_emulator/wxpay/payscore/confirm', { body: open.data.payScoreConfirm.extraData });
    expect(confirmed.status).toBe(200);
    await h.settle();
    const opening = await h.call('confirmOpen', { sessionId }, openid);
    expect(opening.code).toBe(0);
    await sessionState(h, openid, sessionId, (s) => s === 'opened');
    await h.emulator.http('POST', '/_emulator/cabinet/close', { body: { device: DEVICE, goods: 'XM-SKU-COLA:1' } });
    const paid = await sessionState(h, openid, sessionId, (s) => s === 'paid');
    expect(paid).toMatchObject({ state: 'paid', order: { totalFen: 350 } });
  });

  it('a diner who gives up before confirming: cancelled, Pay Score order cancelled, device free', async () => {
    const openid = h.diner();
    const open = await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, openid);
    const cancelled = await h.call('cancelOpen', { sessionId: open.data.session.sessionId }, openid);
    expect(cancelled.data).toMatchObject({ state: 'cancelled', final: true });
    await h.settle();
    expect(h.where('payments', { openid })[0]).toMatchObject({ status: 'closed' });
    expect(h.doc('devices', DEVICE)).toMatchObject({ sessionId: null });
  });
});
