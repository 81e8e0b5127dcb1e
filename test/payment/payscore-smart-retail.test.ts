import { payScore } from '../../emulator/simulators/payscore';
import { buildNotification } from '../../emulator/wechat/payscore-keys';
import type * as Kernel from '../../cloudfunctions/shared/payscore';
import { startPaymentHarness, STORE, type PaymentHarness } from './support';

/**
 * Pay Score smart retail (shared/payscore) against the sandbox: the kernel runs in this process
 * with the same configuration a function gets (real SDK → emulator, real APIv3 signing), the
 * notifications go to the real payment function, which verifies, decrypts and stores / settles.
 */
describe('Pay Score smart retail (智慧零售免确认)', () => {
  let h: PaymentHarness;
  let kernel: typeof Kernel;
  let seq = 0;

  beforeAll(async () => {
    h = await startPaymentHarness();
    // What a function that calls the kernel (the cabinet) is configured with.
    const functionEnv = {
      ...(await import('../../emulator/wechat/payscore-keys')).sandboxFunctionEnv(h.keys, h.emulator.url),
      TCB_ENV: h.emulator.envId,
      SCF_NAMESPACE: h.emulator.envId,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${h.emulator.url}/admin` }),
      TENCENTCLOUD_SESSIONTOKEN: 'emulator',
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TENCENTCLOUD_SECRETID: h.emulator.credentials.secretId,
      TENCENTCLOUD_SECRETKEY: h.emulator.credentials.secretKey,
    };
    Object.assign(process.env, functionEnv);
    kernel = await import('../../cloudfunctions/shared/payscore');
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    process.env.WXPAY_PAYSCORE_NO_CONFIRM = 'true';
    h.sandbox.fault({ failNextComplete: null, duplicateNotifications: 0, notifyDelayMs: 0 });
  });

  const diner = () => `diner-sr-${++seq}`;
  const session = (openid: string, riskFen = 50000) => ({
    openid,
    storeId: STORE,
    riskFen,
    sessionId: `session-${seq}`,
    deviceCode: 'XM-DEMO-0001',
    title: '智能柜购物',
  });

  async function authorize(openid: string) {
    const navigation = await kernel.requestAuthorization(openid);
    const opened = await h.emulator.http('POST', '/_emulator/wxpay/payscore/permissions/open', {
      body: { openid, applyPermissionsToken: navigation.extraData.apply_permissions_token },
    });
    expect(opened).toMatchObject({ status: 200, json: { state: 'AVAILABLE', notifyStatus: 200 } });
    await h.sandbox.idle();
    return navigation;
  }

  /** the cabinet's order as the order kernel places it; `paymentId`: attached in the same transaction */
  async function cabinetOrder(openid: string, totalFen: number, paymentId?: string) {
    const id = `order_cab_${Date.now()}_${++seq}`;
    h.emulator.db.insertRaw('orders', [
      {
        _id: id,
        storeId: STORE,
        openid,
        source: 'cabinet',
        items: [{ name: '可乐', quantity: 1, unitPriceFen: totalFen, amountFen: totalFen }],
        totalFen,
        status: 'pending',
        ...(paymentId ? { paymentId, paymentMethod: 'payscore' } : {}),
        createdAt: new Date(),
      },
    ]);
    return id;
  }

  it('authorizes once: apply → the diner opens Pay Score → USER_OPEN_SERVICE stored', async () => {
    const openid = diner();
    await expect(kernel.authorizationOf(openid)).resolves.toEqual({ openid, state: 'unauthorized', changedAt: null, source: 'none' });
    const navigation = await authorize(openid);
    expect(navigation).toEqual({
      appId: 'wxd8f3793ea3b935b8',
      path: 'pages/use/enable',
      extraData: { apply_permissions_token: expect.stringMatching(/^AUTH/) },
    });
    const authorization = await kernel.authorizationOf(openid);
    expect(authorization).toMatchObject({ openid, state: 'authorized', source: 'notification', changedAt: expect.any(Date) });
    expect(await h.doc('payscore_permissions', openid)).toMatchObject({ state: 'authorized', authorizationCode: expect.stringMatching(/^[0-9a-f]{32}$/) });

    await h.emulator.http('POST', '/_emulator/wxpay/payscore/permissions/close', { body: { openid } });
    await h.sandbox.idle();
    await expect(kernel.authorizationOf(openid)).resolves.toMatchObject({ state: 'unauthorized', source: 'notification' });
    await expect(kernel.openSmartRetailOrder(session(openid))).rejects.toMatchObject({ code: 40948 });
  });

  it('scan → DOING → completion with 商品信息 lines → USER_PAID → payment and order paid, points earned', async () => {
    const openid = diner();
    await h.member(openid);
    await authorize(openid);
    const authorization = await kernel.authorizationOf(openid);
    h.emulator.resetStats();
    const opened = await kernel.openSmartRetailOrder(session(openid), { authorization });
    const openTrips = h.dbRoundTrips();
    expect(opened).toEqual({ mode: 'no_confirm', paymentId: expect.stringMatching(/^P\d{14}[0-9a-f]{12}$/), state: 'DOING' });
    // insert (payment + event in one round) + save WeChat's answer; authorization passed in
    expect(openTrips).toBe(3);
    const paymentId = opened.paymentId;
    expect(h.sandbox.get(paymentId)).toMatchObject({ state: 'DOING', need_user_confirm: false, risk_fund: { amount: 50000 }, openid });
    expect(await h.doc('payments', paymentId)).toMatchObject({
      status: 'pending',
      method: 'payscore',
      orderSource: 'cabinet',
      orderId: '',
      payScoreRiskFen: 50000,
      gatewayPendingSince: null,
      smartRetail: { mode: 'no_confirm', state: 'DOING', deviceCode: 'XM-DEMO-0001' },
    });

    const orderId = await cabinetOrder(openid, 1500, paymentId);
    const order = (await h.doc('orders', orderId)) as never;
    const payment = (await h.doc('payments', paymentId)) as never;
    h.emulator.resetStats();
    const completed = await kernel.completeSmartRetailOrder(
      {
        paymentId,
        orderId,
        items: [
          { name: '可乐', quantity: 2, unitPriceFen: 350 },
          { name: '薯片', quantity: 1, unitPriceFen: 800 },
        ],
      },
      { payment, order },
    );
    const completeTrips = h.dbRoundTrips();
    expect(completed).toEqual({ paymentId, totalFen: 1500, discountFen: 0, payableFen: 1500, state: 'DONE', already: false });
    // member + programme (cached afterwards) + the conditional payment update + the event
    expect(completeTrips).toBeLessThanOrEqual(4);
    expect(h.sandbox.get(paymentId)).toMatchObject({
      state: 'DONE',
      total_amount: 1500,
      post_payments: [
        { name: '商品信息', description: '可乐', amount: 700, count: 2 },
        { name: '商品信息', description: '薯片', amount: 800, count: 1 },
      ],
    });
    await h.sandbox.idle();
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', orderId, payableFen: 1500, pointsEarned: 15, smartRetail: { state: 'DONE' } });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentId, paymentMethod: 'payscore', paidFen: 1500 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 15 });

    // the vendor pushed the same order again: answered, nothing sent or written
    const again = await kernel.completeSmartRetailOrder({
      paymentId,
      orderId,
      items: [
        { name: '可乐', quantity: 2, unitPriceFen: 350 },
        { name: '薯片', quantity: 1, unitPriceFen: 800 },
      ],
    });
    expect(again).toMatchObject({ already: true, payableFen: 1500 });
    expect(h.sandbox.deliveries.filter((d) => d.outOrderNo === paymentId && d.eventType === 'PAYSCORE.USER_PAID')).toHaveLength(1);
  });

  it('stages the payment inside the caller transaction: opening then costs one round trip', async () => {
    const openid = diner();
    await authorize(openid);
    const db = h.db as unknown as { runTransaction<T>(fn: (tx: never) => Promise<T>): Promise<T> };
    const input = { ...session(openid), outOrderNo: kernel.newPayScoreOrderNo() };
    const staged = await db.runTransaction((tx) => kernel.stageSmartRetailPayment(tx, input));
    h.emulator.resetStats();
    const opened = await kernel.openSmartRetailOrder(input, { staged, authorization: await kernel.authorizationOf(openid) });
    expect(opened).toMatchObject({ mode: 'no_confirm', paymentId: input.outOrderNo, state: 'DOING' });
    expect(h.dbRoundTrips()).toBe(2); // the authorization read here + the save
    // a retried open with the same number is idempotent at WeChat and here
    await expect(kernel.openSmartRetailOrder(input)).resolves.toMatchObject({ paymentId: input.outOrderNo, state: 'DOING' });
  });

  it('nothing taken → the service order is cancelled at WeChat and the payment closed, nothing charged', async () => {
    const openid = diner();
    await authorize(openid);
    const { paymentId } = await kernel.openSmartRetailOrder(session(openid));
    await expect(kernel.cancelSmartRetailOrder({ paymentId, reason: '未取商品' })).resolves.toEqual({ paymentId, remote: 'cancelled', status: 'closed' });
    expect(h.sandbox.get(paymentId)).toMatchObject({ state: 'REVOKED' });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'closed', closedReason: '未取商品', smartRetail: { state: 'REVOKED' } });
    await expect(kernel.cancelSmartRetailOrder({ paymentId, reason: '未取商品' })).resolves.toMatchObject({ status: 'closed' });
  });

  it('refuses a completion above the risk amount or with more than 100 lines without calling WeChat', async () => {
    const openid = diner();
    await authorize(openid);
    const { paymentId } = await kernel.openSmartRetailOrder(session(openid, 1000));
    const orderId = await cabinetOrder(openid, 1200);
    await expect(kernel.completeSmartRetailOrder({ paymentId, orderId, items: [{ name: '整箱', quantity: 1, unitPriceFen: 1200 }] })).rejects.toMatchObject({
      code: 40042,
    });
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `货${i}`, quantity: 1, unitPriceFen: 1 }));
    await expect(kernel.completeSmartRetailOrder({ paymentId, orderId, items: many })).rejects.toMatchObject({ code: 40044 });
    expect(h.sandbox.get(paymentId)).toMatchObject({ state: 'DOING' });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending', orderId: '' });
  });

  it('a completion WeChat fails changes nothing; the retry completes it', async () => {
    const openid = diner();
    await authorize(openid);
    const { paymentId } = await kernel.openSmartRetailOrder(session(openid));
    // not attached by the caller: the completion claims the order in its transaction
    const orderId = await cabinetOrder(openid, 500);
    const items = [{ name: '矿泉水', quantity: 1, unitPriceFen: 500 }];
    h.sandbox.fault({ failNextComplete: { status: 500, code: 'SYSTEM_ERROR' } });
    await expect(kernel.completeSmartRetailOrder({ paymentId, orderId, items })).rejects.toMatchObject({ code: 50241 });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending', orderId: '' });
    await expect(kernel.completeSmartRetailOrder({ paymentId, orderId, items })).resolves.toMatchObject({ payableFen: 500, already: false });
    await h.sandbox.idle();
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentId });
  });

  it('duplicate and out-of-order permission notifications end in the latest state', async () => {
    const openid = diner();
    h.sandbox.fault({ duplicateNotifications: 1 });
    await authorize(openid);
    const deliveries = h.sandbox.deliveries.filter((d) => d.outOrderNo === openid && d.eventType === 'PAYSCORE.USER_OPEN_SERVICE');
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    await expect(kernel.authorizationOf(openid)).resolves.toMatchObject({ state: 'authorized' });

    // A close at 10:05 arrives, then an open stamped 10:00 arrives late: still closed.
    const send = (eventType: string, status: string, at: string) => {
      const { body, headers } = buildNotification(h.keys, eventType, {
        openid,
        service_id: h.keys.serviceId,
        user_service_status: status,
        openorclose_time: at,
      });
      return h.emulator.http('POST', '/v1/payment/payscore/notify', { body, headers });
    };
    const future = (minutes: number) => {
      const at = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000);
      return at.toISOString().slice(0, 19).replace(/[-T:]/g, '');
    };
    expect((await send('PAYSCORE.USER_CLOSE_SERVICE', 'USER_CLOSE_SERVICE', future(5))).status).toBe(200);
    expect((await send('PAYSCORE.USER_OPEN_SERVICE', 'USER_OPEN_SERVICE', future(1))).status).toBe(200);
    await expect(kernel.authorizationOf(openid)).resolves.toMatchObject({ state: 'unauthorized' });
  });

  it('a forged permission notification is rejected with nothing written', async () => {
    const openid = diner();
    const { body, headers } = buildNotification(h.keys, 'PAYSCORE.USER_OPEN_SERVICE', { openid, openorclose_time: '20261204100000' });
    const forged = await h.emulator.http('POST', '/v1/payment/payscore/notify', { body: body.replace('"id":"EV-', '"id":"EV-X'), headers });
    expect(forged.status).toBe(401);
    expect(await h.doc('payscore_permissions', openid)).toBeNull();
  });

  it('asks WeChat when the notification has not arrived yet (the page returning from the Pay Score mini-program)', async () => {
    const openid = diner();
    const navigation = await kernel.requestAuthorization(openid);
    h.sandbox.fault({ notifyDelayMs: 300 });
    // the diner agreed; WeChat's notification is still on its way
    void h.sandbox.openService(openid, navigation.extraData.apply_permissions_token);
    await expect(kernel.authorizationOf(openid)).resolves.toMatchObject({ state: 'unauthorized' });
    await expect(kernel.authorizationOf(openid, { askWeChat: true })).resolves.toMatchObject({ state: 'authorized', source: 'query' });
    await h.sandbox.idle();
    await expect(kernel.authorizationOf(openid)).resolves.toMatchObject({ state: 'authorized' });
  });

  it('falls back to confirm mode when the service id has no 免确认 permission', async () => {
    process.env.WXPAY_PAYSCORE_NO_CONFIRM = 'false';
    const openid = diner();
    const opened = await kernel.openSmartRetailOrder(session(openid));
    expect(opened).toMatchObject({ mode: 'confirm', state: 'CREATED', payScore: { businessType: 'wxpayScoreUse', extraData: { sign_type: 'HMAC-SHA256' } } });
    if (opened.mode !== 'confirm') throw new Error('expected confirm mode');
    await expect(kernel.confirmSmartRetailOrder(opened.paymentId)).rejects.toMatchObject({ code: 40949 });
    const confirmed = await h.emulator.http('POST', '/_emulator/wxpay/payscore/confirm', { body: opened.payScore.extraData });
    expect(confirmed).toMatchObject({ status: 200, json: { state: 'DOING' } });
    await expect(kernel.confirmSmartRetailOrder(opened.paymentId)).resolves.toEqual({ paymentId: opened.paymentId, state: 'DOING' });
    const orderId = await cabinetOrder(openid, 300);
    await kernel.completeSmartRetailOrder({ paymentId: opened.paymentId, orderId, items: [{ name: '口香糖', quantity: 1, unitPriceFen: 300 }] });
    await h.sandbox.idle();
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid' });
  });

  it('is driven from the CLI: open / close the service, collect, faults', () => {
    const verb = (name: string) => payScore.cliVerbs!.find((v) => v.verb === name)!;
    expect(verb('payscore-open').request('o-1')).toEqual({ method: 'POST', path: '/_emulator/wxpay/payscore/permissions/open', body: { openid: 'o-1' } });
    expect(verb('payscore-close').request(undefined)).toBeUndefined();
    expect(verb('payscore-fault').request('fail-complete')).toMatchObject({ body: { failNextComplete: { status: 500, code: 'SYSTEM_ERROR' } } });
    expect(verb('payscore-fault').request('delay=250')).toMatchObject({ body: { notifyDelayMs: 250 } });
    expect(verb('payscore-fault').request('clear')).toMatchObject({ body: { failNextComplete: null, duplicateNotifications: 0, notifyDelayMs: 0 } });
    expect(verb('payscore-fault').request('nonsense')).toBeUndefined();
  });
});
