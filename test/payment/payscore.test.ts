import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import { startPaymentHarness, type PaymentHarness, ADMIN } from './support';

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

  async function payScorePayment(openid: string) {
    const orderId = await h.order(openid, 5000, 'cabinet');
    const created = await h.call({ action: 'createPayment', orderId, method: 'payscore' }, openid);
    expect(created).toMatchObject({ code: 0, data: { payment: { method: 'payscore', status: 'pending' }, payScorePackage: expect.stringMatching(/^DJ/) } });
    return { orderId, paymentId: created.data.payment.paymentId as string };
  }

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
    expect(done).toMatchObject({ code: 0, data: { totalFen: 3200, state: 'DONE' } });
    await h.sandbox.idle();
    expect(h.sandbox.deliveries.filter((d) => d.outOrderNo === paymentId)).toEqual([{ outOrderNo: paymentId, eventType: 'PAYSCORE.USER_PAID', status: 200 }]);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', payableFen: 3200, pointsEarned: 32 });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentMethod: 'payscore' });
    // WeChat resends: idempotent
    await h.sandbox.collect(paymentId);
    expect(await h.doc('members', openid)).toMatchObject({ points: 32 });
    const queried = await h.call({ action: 'queryPayScore', paymentId }, ADMIN);
    expect(queried.data.remote).toMatchObject({ state: 'DONE', collection: { state: 'USER_PAID', paid_amount: 3200 } });
  });

  it('cancels a service order', async () => {
    const { paymentId } = await payScorePayment('diner-payscore-cancel');
    const cancelled = await h.call({ action: 'cancelPayScore', paymentId, reason: '顾客未取货' }, ADMIN);
    expect(cancelled).toMatchObject({ code: 0, data: { status: 'closed' } });
    expect(h.sandbox.get(paymentId)?.state).toBe('REVOKED');
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
      expect((await post(notification(paymentId, 2500))).status).toBe(200);
      expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', pointsEarned: 25 });
      expect(await h.where('member_points_logs', { openid })).toHaveLength(1);
    });

    it('the plain Node crypto signature is the same scheme (interoperability check)', () => {
      const ts = '1700000000';
      const body = '{"a":1}';
      const viaNode = createSign('RSA-SHA256').update(`${ts}\nnonce\n${body}\n`).sign(h.keys.platformPrivateKey, 'base64');
      expect(Rsa.verify(Formatter.response(ts, 'nonce', body), viaNode, h.keys.platformPublicKey)).toBe(true);
    });
  });
});
