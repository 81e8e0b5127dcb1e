import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { Aes, Formatter, Hash, Rsa } from 'wechatpay-axios-plugin';
import { startPaymentHarness, type PaymentHarness, ADMIN, CLERK, newRequestId } from './support';

/**
 * Pay Score over APIv3: the function signs requests and verifies responses with
 * wechatpay-axios-plugin against the sandbox; notifications are verified by the production code.
 * The "WeChat side" of the matrix below is built with the library's own helpers.
 */
describe('Pay Score (微信支付分)', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** createPayment → the signed extraData → the diner confirms it (the sandbox checks the signature) */
  async function payScorePayment(openid: string, totalFen = 5000, options: { confirm?: boolean } = {}) {
    const orderId = await h.order(openid, totalFen, 'cabinet');
    const created = await h.call({ action: 'createPayment', orderId, method: 'payscore' }, openid);
    expect(created).toMatchObject({
      code: 0,
      data: { payment: { method: 'payscore', status: 'pending' }, payScorePackage: expect.stringMatching(/^DJ/), payScore: { businessType: 'wxpayScoreUse' } },
    });
    const extraData = created.data.payScore.extraData as Record<string, string>;
    expect(extraData).toEqual({
      mch_id: h.keys.mchid,
      package: created.data.payScorePackage,
      timestamp: expect.stringMatching(/^\d{10}$/),
      nonce_str: expect.stringMatching(/^[0-9a-f]{32}$/),
      sign_type: 'HMAC-SHA256',
      sign: expect.stringMatching(/^[0-9A-F]{64}$/),
    });
    // WeChat's side of the signature: the library's v2 helper with the merchant's APIv2 key
    expect(extraData.sign).toBe(Hash.sign('HMAC-SHA256', extraData, h.keys.apiV2Key));
    const paymentId = created.data.payment.paymentId as string;
    if (options.confirm !== false) {
      const confirmed = await h.emulator.http('POST', '/_emulator/wxpay/payscore/confirm', { body: extraData });
      expect(confirmed).toMatchObject({ status: 200, json: { outOrderNo: paymentId, state: 'DOING' } });
    }
    return { orderId, paymentId, extraData, created: created.data };
  }

  const userPaid = (paymentId: string) => h.sandbox.deliveries.filter((d) => d.outOrderNo === paymentId && d.eventType === 'PAYSCORE.USER_PAID');

  it('creates, completes with post_payments, and settles on the signed USER_PAID notification', async () => {
    const openid = 'diner-payscore';
    const { orderId, paymentId } = await payScorePayment(openid);
    expect(h.sandbox.get(paymentId)).toMatchObject({ state: 'DOING', risk_fund: { amount: 5000 } });
    const done = await h.call(
      {
        action: 'completePayScore',
        paymentId,
        postPayments: [
          { name: '饮料', amountFen: 1200, count: 2 },
          { name: '零食', amountFen: 800 },
        ],
      },
      ADMIN,
    );
    expect(done).toMatchObject({ code: 0, data: { totalFen: 3200, discountFen: 0, payableFen: 3200, state: 'DONE' } });
    await h.sandbox.idle();
    expect(userPaid(paymentId).at(-1)).toEqual({ outOrderNo: paymentId, eventType: 'PAYSCORE.USER_PAID', status: 200 });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', payableFen: 3200, pointsEarned: 32 });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentMethod: 'payscore' });
    expect((await h.where('payment_events', { paymentId })).map((e) => e.type).sort()).toEqual(['created', 'pay_succeeded', 'payscore_completed']);
    // WeChat resends: idempotent
    await h.sandbox.collect(paymentId);
    expect(await h.doc('members', openid)).toMatchObject({ points: 32 });
    const queried = await h.call({ action: 'queryPayScore', paymentId }, ADMIN);
    expect(queried.data.remote).toMatchObject({ state: 'DONE', collection: { state: 'USER_PAID', paid_amount: 3200 } });
  });

  it('applies the member discount every other checkout uses (post_discounts), and USER_PAID is checked against the member price', async () => {
    const openid = 'diner-payscore-silver';
    await h.member(openid, { totalEarned: 1200, points: 1200, levelCode: 'silver', levelName: '银卡会员' });
    const { paymentId, created } = await payScorePayment(openid, 5000);
    // the risk amount is the member price of the order too
    expect(created.payment).toMatchObject({ amountFen: 5000, discountFen: 250, payableFen: 4750 });
    expect(h.sandbox.get(paymentId)).toMatchObject({ risk_fund: { amount: 4750 } });

    const done = await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 3200 }] }, ADMIN);
    // 95折: ¥32.00 → ¥30.40, the same quote as createPayment's
    expect(done).toMatchObject({ code: 0, data: { totalFen: 3200, discountFen: 160, payableFen: 3040 } });
    expect(h.sandbox.get(paymentId)).toMatchObject({
      total_amount: 3040,
      post_payments: [{ name: '便当', amount: 3200 }],
      post_discounts: [{ name: '会员折扣', amount: 160 }],
    });
    await h.sandbox.idle();
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', amountFen: 3200, discountFen: 160, payableFen: 3040, pointsEarned: 30 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 1230 });
  });

  it('checks the state and the risk cap before calling WeChat, and a completion WeChat rejects changes nothing', async () => {
    const openid = 'diner-payscore-capped';
    const { paymentId } = await payScorePayment(openid, 1000, { confirm: false });
    const before = await h.doc('payments', paymentId);
    expect(before).toMatchObject({ amountFen: 1000, payableFen: 1000, payScoreRiskFen: 1000 });
    const completedEvents = () => h.where('payment_events', { paymentId, type: 'payscore_completed' });

    // over the risk cap: refused here, WeChat is not asked
    const over = await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '整箱饮料', amountFen: 5000 }] }, ADMIN);
    expect(over).toMatchObject({ code: 40042, details: { riskFen: 1000, payableFen: 5000 } });
    expect(await h.doc('payments', paymentId)).toEqual(before);
    expect(h.sandbox.get(paymentId)?.state).toBe('CREATED');

    // the diner never confirmed: WeChat rejects the completion, and nothing is recorded
    const rejected = await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '饮料', amountFen: 800 }] }, ADMIN);
    expect(rejected.code).toBe(50241);
    expect(await h.doc('payments', paymentId)).toEqual(before);
    expect(await completedEvents()).toHaveLength(0);

    // confirmed, it completes — once
    const confirmed = await h.emulator.http('POST', '/_emulator/wxpay/payscore/confirm', { body: await extraDataFor(paymentId) });
    expect(confirmed.status).toBe(200);
    h.sandbox.options.autoCollect = false;
    try {
      expect(await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '饮料', amountFen: 800 }] }, ADMIN)).toMatchObject({
        code: 0,
        data: { payableFen: 800 },
      });
      expect(await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '饮料', amountFen: 800 }] }, ADMIN)).toMatchObject({ code: 40941 });
    } finally {
      h.sandbox.options.autoCollect = true;
    }
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending', amountFen: 800, payableFen: 800, payScoreCompletedAt: expect.anything() });
    expect(await completedEvents()).toHaveLength(1);
  });

  /** A fresh signed extraData for an existing Pay Score payment (createPayment reuses it). */
  async function extraDataFor(paymentId: string): Promise<Record<string, string>> {
    const payment = await h.doc('payments', paymentId);
    const again = await h.call({ action: 'createPayment', orderId: payment.orderId, method: 'payscore' }, payment.openid);
    expect(again.data.payment.paymentId).toBe(paymentId);
    return again.data.payScore.extraData;
  }

  it('the sandbox refuses extraData whose signature is not the APIv2 key’s (as the Pay Score mini-program does)', async () => {
    const { paymentId, extraData } = await payScorePayment('diner-payscore-badsign', 2000, { confirm: false });
    const forged = { ...extraData, sign: Hash.sign('HMAC-SHA256', extraData, h.keys.apiV3Key) };
    expect(await h.emulator.http('POST', '/_emulator/wxpay/payscore/confirm', { body: forged })).toMatchObject({ status: 400, json: { code: 'SIGN_ERROR' } });
    expect(h.sandbox.get(paymentId)?.state).toBe('CREATED');
  });

  it('cancels a service order, audited', async () => {
    const { paymentId } = await payScorePayment('diner-payscore-cancel');
    const cancelled = await h.call({ action: 'cancelPayScore', paymentId, reason: '顾客未取货' }, ADMIN);
    expect(cancelled).toMatchObject({ code: 0, data: { status: 'closed', state: 'REVOKED' } });
    expect(h.sandbox.get(paymentId)?.state).toBe('REVOKED');
    expect(await h.where('audit_logs', { targetId: paymentId, action: 'payment.payscore.cancel' })).toEqual([
      expect.objectContaining({ operatorOpenid: ADMIN, details: expect.objectContaining({ staffReason: '顾客未取货' }) }),
    ]);
  });

  it('completion is for managers and admins only, audited, and refuses a goods total below half the order (nothing sent to WeChat)', async () => {
    const openid = 'diner-payscore-floor';
    const { paymentId } = await payScorePayment(openid, 5000);
    const before = await h.doc('payments', paymentId);
    expect(await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 3000 }] }, CLERK)).toMatchObject({ code: 40301 });
    const token = await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '矿泉水', amountFen: 1, count: 2 }] }, ADMIN);
    expect(token).toMatchObject({ code: 40043, details: { field: 'postPayments', floorFen: 2500, orderAmountFen: 5000, totalFen: 2 } });
    expect(await h.doc('payments', paymentId)).toEqual(before);
    expect(h.sandbox.get(paymentId)?.state).toBe('DOING');

    h.sandbox.options.autoCollect = false;
    try {
      const done = await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 1250, count: 2 }] }, ADMIN);
      expect(done).toMatchObject({ code: 0, data: { totalFen: 2500, payableFen: 2500 } });
    } finally {
      h.sandbox.options.autoCollect = true;
    }
    expect(await h.where('audit_logs', { targetId: paymentId, action: 'payment.payscore.complete' })).toEqual([
      expect.objectContaining({
        operatorOpenid: ADMIN,
        details: expect.objectContaining({
          orderAmountFen: 5000,
          amountFen: 2500,
          payableFen: 2500,
          postPayments: [{ name: '便当', amountFen: 1250, count: 2 }],
        }),
      }),
    ]);
  });

  it('bounds every amount and count, and their total, before anything runs (400 with the field path)', async () => {
    const { paymentId } = await payScorePayment('diner-payscore-bounds', 5000);
    const complete = (postPayments: unknown) => h.call({ action: 'completePayScore', paymentId, postPayments }, ADMIN);
    // 2^52 × 4 is no safe integer: refused by the schema instead of failing deep inside (50001)
    expect(await complete([{ name: '饮料', amountFen: 2 ** 52, count: 4 }])).toMatchObject({ code: 40001, details: { field: 'postPayments.0.amountFen' } });
    expect(await complete([{ name: '饮料', amountFen: 100, count: 1_000_000 }])).toMatchObject({ code: 40001, details: { field: 'postPayments.0.count' } });
    // each line within bounds, the total not
    expect(await complete(Array.from({ length: 20 }, () => ({ name: '整箱', amountFen: 1_000_000, count: 999 })))).toMatchObject({
      code: 40001,
      details: { field: 'postPayments' },
    });
    expect(h.sandbox.get(paymentId)?.state).toBe('DOING');
    // and the same sweep elsewhere
    expect(await h.refund({ paymentId, refundFen: 2 ** 53, reason: '超大金额' })).toMatchObject({ code: 40001, details: { field: 'refundFen' } });
    expect(await h.call({ action: 'listPayments', page: 1e9 }, ADMIN)).toMatchObject({ code: 40001, details: { field: 'page' } });
    expect(await h.call({ action: 'listPayments', orderId: 'x'.repeat(65) }, ADMIN)).toMatchObject({ code: 40001, details: { field: 'orderId' } });
  });

  it('「已在商户平台退款」 records a Pay Score refund done on the merchant platform: points, payment and order follow, audited, once per request', async () => {
    const openid = 'diner-payscore-refund';
    const { orderId, paymentId } = await payScorePayment(openid, 5000);
    expect(await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 3200 }] }, ADMIN)).toMatchObject({ code: 0 });
    await h.sandbox.idle();
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', payableFen: 3200, pointsEarned: 32 });

    // there is no WeChat refund for Pay Score here
    expect(await h.refund({ paymentId, reason: '顾客退货' })).toMatchObject({ code: 40041, message: expect.stringContaining('商户平台') });
    const requestId = newRequestId();
    const record = (who: string, refundFen?: number, id = requestId) =>
      h.call({ action: 'recordPayScoreRefund', paymentId, reason: '顾客退货（商户平台已退）', requestId: id, ...(refundFen ? { refundFen } : {}) }, who);
    expect((await record(CLERK, 1600)).code).toBe(40301);
    const partial = await record(ADMIN, 1600);
    expect(partial).toMatchObject({ code: 0, data: { status: 'succeeded', refundFen: 1600, paymentStatus: 'partially_refunded', pointsReversed: 16 } });
    expect(await record(ADMIN, 1600)).toMatchObject({ code: 0, data: { ...partial.data, replayed: true } });
    expect(await h.doc('members', openid)).toMatchObject({ points: 16, totalEarned: 16 });
    expect(await h.doc('orders', orderId)).toMatchObject({ refundStatus: 'partially_refunded', refundedFen: 1600 });
    expect(await h.doc(`refunds`, `R${paymentId.slice(1)}01`)).toMatchObject({ method: 'payscore', external: true, status: 'succeeded' });
    expect(await h.where('audit_logs', { targetId: paymentId, action: 'payment.refund.external' })).toHaveLength(1);

    expect(await record(ADMIN, undefined, newRequestId())).toMatchObject({ code: 0, data: { refundFen: 1600, paymentStatus: 'refunded' } });
    expect(await h.doc('members', openid)).toMatchObject({ points: 0, totalEarned: 0 });
    expect(await record(ADMIN, 1, newRequestId())).toMatchObject({ code: 40941 });
  });

  describe('notification verification matrix (through the HTTP access route)', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

    function notification(
      outOrderNo: string,
      amount: number,
      options: { key?: string | typeof other.privateKey; serial?: string; timestamp?: number; tamper?: boolean } = {},
    ) {
      const resource = {
        out_order_no: outOrderNo,
        service_id: h.keys.serviceId,
        state: 'DONE',
        total_amount: amount,
        collection: { state: 'USER_PAID', paid_amount: amount, details: [{ transaction_id: `4200${randomBytes(6).toString('hex')}`, amount }] },
      };
      const nonce = randomBytes(6).toString('hex');
      let ciphertext = Aes.AesGcm.encrypt(JSON.stringify(resource), h.keys.apiV3Key, nonce, 'payscore');
      if (options.tamper) {
        const bytes = Buffer.from(ciphertext, 'base64');
        bytes[3] ^= 0xff;
        ciphertext = bytes.toString('base64');
      }
      const body = JSON.stringify({
        id: `EV-${nonce}`,
        create_time: new Date().toISOString(),
        event_type: 'PAYSCORE.USER_PAID',
        resource_type: 'encrypt-resource',
        resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext, nonce, associated_data: 'payscore', original_type: 'payscore' },
      });
      const timestamp = String(options.timestamp ?? Formatter.timestamp());
      const headerNonce = Formatter.nonce();
      const signature = Rsa.sign(Formatter.response(timestamp, headerNonce, body), options.key ?? h.keys.platformPrivateKey);
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'wechatpay-timestamp': timestamp,
          'wechatpay-nonce': headerNonce,
          'wechatpay-serial': options.serial ?? h.keys.platformSerial,
          'wechatpay-signature': signature,
        },
      };
    }

    async function post(n: { body: string; headers: Record<string, string> }) {
      return h.emulator.http('POST', '/v1/payment/payscore/notify', { body: n.body, headers: n.headers });
    }

    it('a genuine USER_PAID that arrives before the completion is recorded is answered 500 (WeChat resends) and changes nothing', async () => {
      const openid = 'diner-early-collect';
      const { paymentId } = await payScorePayment(openid, 3000);
      const reply = await post(notification(paymentId, 3000));
      expect(reply).toMatchObject({ status: 500, json: { code: 'FAIL' } });
      expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending' });
      expect((await h.doc('payments', paymentId)).abnormal).toBeUndefined();
      expect(await h.where('member_points_logs', { openid })).toHaveLength(0);
    });

    it('rejects a forged signature, a wrong serial, a stale timestamp and tampered ciphertext, changing nothing; accepts the valid one once', async () => {
      const openid = 'diner-matrix';
      const { paymentId } = await payScorePayment(openid);
      // make the payable amount known without the sandbox collecting on its own
      h.sandbox.options.autoCollect = false;
      await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 2500 }] }, ADMIN);
      h.sandbox.options.autoCollect = true;

      const cases = {
        forged: notification(paymentId, 2500, { key: other.privateKey }),
        wrongSerial: notification(paymentId, 2500, { serial: 'PUB_KEY_ID_NOT_OURS' }),
        stale: notification(paymentId, 2500, { timestamp: Formatter.timestamp() - 301 }),
        tampered: notification(paymentId, 2500, { tamper: true }),
      };
      for (const [name, n] of Object.entries(cases)) {
        const reply = await post(n);
        expect({ name, status: reply.status, code: reply.json?.code }).toEqual({ name, status: 401, code: 'FAIL' });
      }
      // a body altered after signing
      const valid = notification(paymentId, 2500);
      expect((await post({ ...valid, body: valid.body.replace('USER_PAID', 'USER_PAYD') })).status).toBe(401);
      expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending' });
      expect(await h.where('member_points_logs', { openid })).toHaveLength(0);

      expect((await post(valid)).status).toBe(200);
      const settled = await h.doc('payments', paymentId);
      expect(settled).toMatchObject({ status: 'paid', pointsEarned: 25 });
      // WeChat resends the very same notification (same body, same transaction): nothing changes
      expect((await post(valid)).status).toBe(200);
      expect(await h.doc('payments', paymentId)).toEqual(settled);
      expect(settled.abnormal).toBeUndefined();
      expect(await h.where('member_points_logs', { openid })).toHaveLength(1);
      expect(await h.where('payment_events', { paymentId, type: 'pay_succeeded' })).toHaveLength(1);
    });

    it('the plain Node crypto signature is the same scheme (interoperability check)', () => {
      const ts = '1700000000';
      const body = '{"a":1}';
      const viaNode = createSign('RSA-SHA256').update(`${ts}\nnonce\n${body}\n`).sign(h.keys.platformPrivateKey, 'base64');
      expect(Rsa.verify(Formatter.response(ts, 'nonce', body), viaNode, h.keys.platformPublicKey)).toBe(true);
    });
  });
});
