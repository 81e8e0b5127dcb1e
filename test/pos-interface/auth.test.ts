import {
  addIntegration,
  countWhere,
  demoIntegration,
  newNonce,
  order,
  signedCall,
  signedHeaders,
  startPosEnv,
  writableCounts,
  type PosTestEnv,
} from './support';

let env: PosTestEnv;

beforeAll(async () => {
  env = await startPosEnv();
});
afterAll(() => env?.emulator.stop());

const PATH = '/v1/pos/order/sync';

/** Budget buckets are per minute: start a counted run well clear of a minute boundary. */
async function clearOfMinuteBoundary(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

/** Sends one request and asserts its status and code, and that nothing at all was written. */
async function expectRejected(send: () => Promise<{ status: number; json: any; headers: Headers }>, status: number, code: number) {
  const before = await writableCounts(env);
  const res = await send();
  if (res.status !== status) console.log(JSON.stringify(res.json));
  expect([res.status, res.json?.code]).toEqual([status, code]);
  expect(res.json.data).toBeNull();
  expect(await writableCounts(env)).toEqual(before);
  return res;
}

describe('signed requests: every auth failure has its own code and writes nothing', () => {
  it('missing or malformed headers → 401 40110', async () => {
    await expectRejected(() => env.emulator.http('POST', PATH, { body: order('A1') }), 401, 40110);
    const body = JSON.stringify(order('A1'));
    const headers = { ...signedHeaders(demoIntegration, 'POST', PATH, body), 'x-nonce': 'short' };
    await expectRejected(() => env.emulator.http('POST', PATH, { body, headers }), 401, 40110);
    const upper = { ...signedHeaders(demoIntegration, 'POST', PATH, body) };
    upper['x-signature'] = upper['x-signature'].toUpperCase();
    await expectRejected(() => env.emulator.http('POST', PATH, { body, headers: upper }), 401, 40110);
  });

  it('unknown API key → 401 40111', async () => {
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('A2'), { apiKey: 'pk_nobody' }), 401, 40111);
  });

  it('disabled integration → 401 40112', async () => {
    const disabled = addIntegration(env, { status: 'disabled' });
    await expectRejected(() => signedCall(env, disabled, 'POST', PATH, order('A3')), 401, 40112);
  });

  it('IP not in the whitelist → 403 40310; a listed IP (CIDR) passes', async () => {
    const fenced = addIntegration(env, { ipWhitelist: ['10.1.2.0/24'] });
    await expectRejected(() => signedCall(env, fenced, 'POST', PATH, order('A4')), 403, 40310);
    const open = addIntegration(env, { ipWhitelist: ['10.1.2.0/24', '127.0.0.1'] });
    expect((await signedCall(env, open, 'POST', PATH, order('A4'))).status).toBe(200);
  });

  it('stale or future timestamp (> 300 s) → 401 40113; 290 s passes', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('A5'), { timestamp: now - 310 }), 401, 40113);
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('A5'), { timestamp: now + 310 }), 401, 40113);
    expect((await signedCall(env, demoIntegration, 'POST', PATH, order('A5'), { timestamp: now - 290 })).status).toBe(200);
  });

  it('tampered body, wrong secret, wrong path → 401 40114', async () => {
    const body = JSON.stringify(order('A6'));
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, body.replace('76', '7'), { signedBody: body }), 401, 40114);
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, body, { secret: 'sk_wrong' }), 401, 40114);
    const headers = signedHeaders(demoIntegration, 'POST', '/v1/pos/menu/sync', body);
    await expectRejected(() => env.emulator.http('POST', PATH, { body, headers }), 401, 40114);
  });

  it('replayed nonce → 401 40115 (order sync, identical request resent)', async () => {
    const nonce = newNonce();
    const body = order('A7');
    expect((await signedCall(env, demoIntegration, 'POST', PATH, body, { nonce })).status).toBe(200);
    const logs = await countWhere(env, 'pos_sync_logs');
    const res = await signedCall(env, demoIntegration, 'POST', PATH, body, { nonce });
    expect([res.status, res.json.code]).toEqual([401, 40115]);
    expect(await countWhere(env, 'pos_sync_logs')).toBe(logs);
    expect(await countWhere(env, 'pos_orders', { orderId: 'A7' })).toBe(1);
  });

  it('replayed nonce → 401 40115 on a route that claims it first (token), no second token', async () => {
    const nonce = newNonce();
    const body = { grant_type: 'client_credentials' };
    expect((await signedCall(env, demoIntegration, 'POST', '/v1/pos/oauth/token', body, { nonce })).status).toBe(200);
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', '/v1/pos/oauth/token', body, { nonce }), 401, 40115);
  });

  it('a nonce used by ping cannot carry a DIFFERENT order: 401 40115 and the order is not stored', async () => {
    const nonce = newNonce();
    expect((await signedCall(env, demoIntegration, 'GET', '/v1/pos/ping', undefined, { nonce })).status).toBe(200);
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('N1_AFTER_PING'), { nonce }), 401, 40115);
    expect(await countWhere(env, 'pos_orders', { orderId: 'N1_AFTER_PING' })).toBe(0);
  });

  it('one nonce scheme for every route: whichever route saw the nonce first, the others refuse it and write nothing', async () => {
    const menuBody = {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [{ itemId: 'm_nonce', itemName: '重放菜', category: '素菜', price: 1, ingredients: [{ ingredientName: '青菜', quantity: 100, unit: 'g' }] }],
    };
    // menu sync first (it used to key nonces by API key), then order sync, batch sync and token
    const fromMenu = newNonce();
    expect((await signedCall(env, demoIntegration, 'POST', '/v1/pos/menu/sync', menuBody, { nonce: fromMenu })).status).toBe(200);
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('N2_AFTER_MENU'), { nonce: fromMenu }), 401, 40115);
    await expectRejected(
      () => signedCall(env, demoIntegration, 'POST', '/v1/pos/orders/batch-sync', { orders: [order('N2_BATCH')] }, { nonce: fromMenu }),
      401,
      40115,
    );
    // order sync first (it used to key nonces by integration id on the sync log), then menu sync and token
    const fromOrder = newNonce();
    expect((await signedCall(env, demoIntegration, 'POST', PATH, order('N3_FIRST'), { nonce: fromOrder })).status).toBe(200);
    await expectRejected(
      () =>
        signedCall(
          env,
          demoIntegration,
          'POST',
          '/v1/pos/menu/sync',
          { ...menuBody, menuItems: [{ ...menuBody.menuItems[0], itemId: 'm_nonce_2' }] },
          { nonce: fromOrder },
        ),
      401,
      40115,
    );
    await expectRejected(
      () => signedCall(env, demoIntegration, 'POST', '/v1/pos/oauth/token', { grant_type: 'client_credentials' }, { nonce: fromOrder }),
      401,
      40115,
    );
    await expectRejected(() => signedCall(env, demoIntegration, 'GET', '/v1/pos/ping', undefined, { nonce: fromOrder }), 401, 40115);
    // token first, then order sync
    const fromToken = newNonce();
    expect((await signedCall(env, demoIntegration, 'POST', '/v1/pos/oauth/token', { grant_type: 'client_credentials' }, { nonce: fromToken })).status).toBe(
      200,
    );
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('N4_AFTER_TOKEN'), { nonce: fromToken }), 401, 40115);
  });

  it('a standard-vendor push reusing a nonce is refused before the order is written', async () => {
    const pushTo = addIntegration(env);
    const nonce = newNonce();
    expect((await signedCall(env, pushTo, 'GET', '/v1/pos/ping', undefined, { nonce })).status).toBe(200);
    const webhook = `/v1/pos/webhooks/${pushTo.id}`;
    await expectRejected(() => signedCall(env, pushTo, 'POST', webhook, order('N5_PUSH'), { nonce }), 401, 40115);
    expect(await countWhere(env, 'pos_orders', { orderId: 'N5_PUSH' })).toBe(0);
  });

  it('over the per-minute budget → 429 42910 with Retry-After, nothing written', async () => {
    // Started early in a minute so that three requests cannot straddle two buckets.
    const secondsIntoMinute = new Date().getSeconds();
    if (secondsIntoMinute > 55) await new Promise((r) => setTimeout(r, (61 - secondsIntoMinute) * 1000));
    const tight = addIntegration(env, { rateLimitPerMinute: 2 });
    expect((await signedCall(env, tight, 'GET', '/v1/pos/ping')).status).toBe(200);
    expect((await signedCall(env, tight, 'GET', '/v1/pos/ping')).status).toBe(200);
    const before = await writableCounts(env);
    const res = await signedCall(env, tight, 'POST', PATH, order('A8'));
    expect([res.status, res.json.code]).toEqual([429, 42910]);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const after = await writableCounts(env);
    expect({ ...after, pos_nonces: 0 }).toEqual({ ...before, pos_nonces: 0 });
    expect(await countWhere(env, 'pos_orders', { orderId: 'A8' })).toBe(0);
  });

  it('replays of a captured request spend no budget: after many 40115s the integration still gets its full budget', async () => {
    await clearOfMinuteBoundary();
    const tight = addIntegration(env, { rateLimitPerMinute: 3 });
    const nonce = newNonce();
    const captured = order('R_CAPTURED');
    expect((await signedCall(env, tight, 'POST', PATH, captured, { nonce })).status).toBe(200);
    for (let i = 0; i < 6; i++) {
      const replay = await signedCall(env, tight, 'POST', PATH, captured, { nonce });
      expect([replay.status, replay.json.code]).toEqual([401, 40115]);
    }
    // the budget is 3 per minute: the two fresh requests left must pass
    expect((await signedCall(env, tight, 'POST', PATH, order('R_LEGIT_1'))).status).toBe(200);
    expect((await signedCall(env, tight, 'POST', PATH, order('R_LEGIT_2'))).status).toBe(200);
    expect((await signedCall(env, tight, 'POST', PATH, order('R_LEGIT_3'))).status).toBe(429);
  });

  it('a 429 leaves the nonce unused: the identical signed request, resent after Retry-After, is processed once', async () => {
    await clearOfMinuteBoundary();
    const tight = addIntegration(env, { rateLimitPerMinute: 1 });
    expect((await signedCall(env, tight, 'GET', '/v1/pos/ping')).status).toBe(200);
    const body = JSON.stringify(order('R_RETRIED'));
    const headers = signedHeaders(tight, 'POST', PATH, body);
    const limited = await env.emulator.http('POST', PATH, { body, headers });
    expect([limited.status, limited.json.code]).toEqual([429, 42910]);
    expect(await countWhere(env, 'pos_nonces', { _id: `${tight.id}:${headers['x-nonce']}` })).toBe(0);
    // the next minute (Retry-After) is simulated by emptying this minute's bucket
    await env.db
      .collection('pos_rate_buckets')
      .where({ _id: env.db.command.in([0, 1].map((d) => `${tight.id}:${Math.floor(Date.now() / 60_000) - d}`)) })
      .update({ data: { count: 0 } });
    const retried = await env.emulator.http('POST', PATH, { body, headers });
    expect([retried.status, retried.json.code]).toEqual([200, 0]);
    expect(await countWhere(env, 'pos_orders', { orderId: 'R_RETRIED' })).toBe(1);
    // …and it is now used: a third copy is a replay
    const third = await env.emulator.http('POST', PATH, { body, headers });
    expect([third.status, third.json.code]).toEqual([401, 40115]);
  });

  it('an integration whose stored secret cannot be opened (master key changed) gets a clear 401 40118; other integrations are unaffected', async () => {
    const { seal } = await import('../../cloudfunctions/shared/domain/secret-box');
    const { randomBytes } = await import('node:crypto');
    const broken = addIntegration(env);
    await env.db
      .collection('pos_integrations')
      .doc(broken.id)
      .update({ data: { secret: env.db.command.set(seal(broken.secret, { id: 'retired-key', key: randomBytes(32) }, broken.apiKey)) } });
    const res = await expectRejected(() => signedCall(env, broken, 'POST', PATH, order('BROKEN_1')), 401, 40118);
    expect(JSON.stringify(res.json)).not.toMatch(/retired-key|sealed|ciphertext/);
    expect((await signedCall(env, demoIntegration, 'GET', '/v1/pos/ping')).status).toBe(200);
  });

  it('GET /v1/pos/ping with a valid signature', async () => {
    const res = await signedCall(env, demoIntegration, 'GET', '/v1/pos/ping');
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ pong: true, integrationId: demoIntegration.id });
    expect(Math.abs(Date.parse(res.json.data.serverTime) - Date.now())).toBeLessThan(5000);
  });

  it('a secret rotated out but inside its grace period still signs', async () => {
    const rotated = addIntegration(env);
    const oldSecret = rotated.secret;
    const { seal } = await import('../../cloudfunctions/shared/domain/secret-box');
    const newSecret = 'sk_new_secret_after_rotation_0123456789';
    await env.db
      .collection('pos_integrations')
      .doc(rotated.id)
      .update({
        data: {
          secret: env.db.command.set(seal(newSecret, env.master, rotated.apiKey)),
          previousSecrets: env.db.command.set([
            { secret: seal(oldSecret, env.master, rotated.apiKey), fingerprint: 'x', expiresAt: new Date(Date.now() + 3600_000) },
          ]),
        },
      });
    expect((await signedCall(env, rotated, 'GET', '/v1/pos/ping', undefined, { secret: newSecret })).status).toBe(200);
    expect((await signedCall(env, rotated, 'GET', '/v1/pos/ping', undefined, { secret: oldSecret })).status).toBe(200);
  });
});

describe('OAuth 2.0 client credentials', () => {
  it('issues a 2 h bearer token (stored hashed) that is accepted alongside the signature', async () => {
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/oauth/token', { grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ token_type: 'Bearer', expires_in: 7200, access_token: expect.stringMatching(/^at_/) });
    const token = res.json.data.access_token as string;
    const tokens = (await env.db.collection('pos_tokens').get()).data;
    expect(JSON.stringify(tokens)).not.toContain(token);
    const ok = await signedCall(env, demoIntegration, 'POST', PATH, order('T1'), { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
  });

  it('an unknown, foreign or expired bearer → 401 40116, nothing written', async () => {
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('T2'), { headers: { authorization: 'Bearer at_forged' } }), 401, 40116);
    const other = addIntegration(env);
    const foreign = (await signedCall(env, other, 'POST', '/v1/pos/oauth/token', { grant_type: 'client_credentials' })).json.data.access_token;
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('T2'), { headers: { authorization: `Bearer ${foreign}` } }), 401, 40116);
    const issued = (await signedCall(env, demoIntegration, 'POST', '/v1/pos/oauth/token', { grant_type: 'client_credentials' })).json.data
      .access_token as string;
    const { hashAccessToken } = await import('../../cloudfunctions/pos-interface/src/domain/access-token');
    await env.db
      .collection('pos_tokens')
      .doc(hashAccessToken(issued))
      .update({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectRejected(() => signedCall(env, demoIntegration, 'POST', PATH, order('T2'), { headers: { authorization: `Bearer ${issued}` } }), 401, 40116);
  });

  it('the housekeeping timer removes expired tokens and keeps valid ones', async () => {
    const now = Date.now();
    env.emulator.db.insertRaw('pos_tokens', [
      {
        _id: 'tok_hash_expired',
        integrationId: demoIntegration.id,
        apiKey: demoIntegration.apiKey,
        expiresAt: new Date(now - 60_000),
        createdAt: new Date(now - 7_300_000),
      },
      {
        _id: 'tok_hash_valid',
        integrationId: demoIntegration.id,
        apiKey: demoIntegration.apiKey,
        expiresAt: new Date(now + 3_600_000),
        createdAt: new Date(now),
      },
    ]);
    const fired = await env.emulator.timers.fire('pos-interface');
    expect(fired.ok).toBe(true);
    expect(await countWhere(env, 'pos_tokens', { _id: 'tok_hash_expired' })).toBe(0);
    expect(await countWhere(env, 'pos_tokens', { _id: 'tok_hash_valid' })).toBe(1);
  });

  it('rejects other grant types with 40010', async () => {
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/oauth/token', { grant_type: 'password' });
    expect([res.status, res.json.code]).toEqual([400, 40010]);
  });
});
