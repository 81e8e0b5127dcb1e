import { verifySignature } from '../../cloudfunctions/shared/integration/signature';
import { bodySignature } from '../../cloudfunctions/pos-interface/src/outbox/webhook-body';
import {
  ADMIN,
  MANAGER,
  OTHER_MANAGER,
  OTHER_STORE,
  STORE,
  replyJson,
  startPosAdminEnv,
  startReceiver,
  waitFor,
  type PosAdminEnv,
  type RecordedRequest,
} from './admin-support';

let env: PosAdminEnv;
let pos: Awaited<ReturnType<typeof startReceiver>>;
let hooks: Awaited<ReturnType<typeof startReceiver>>;
/** webhook receiver behaviour per path: how many attempts fail before it answers 200 */
const failFirst = new Map<string, number>();
const secrets = new Map<string, string>();
/** menu.push sync logs already written when the POS received chunk n (the /probe POS) */
const logsAtChunk = new Map<number, number>();

const MENU_SIZE = 450;
const itemId = (i: number) => `m${String(i).padStart(3, '0')}`;
/** the POS rejects every 50th dish (by its number) */
const rejectedByPos = (id: string) => Number(id.slice(1)) % 50 === 7;

const signatureOk = (req: RecordedRequest, secret: string | undefined) =>
  !!secret &&
  verifySignature(
    { method: req.method, pathWithQuery: req.url, timestamp: String(req.headers['x-timestamp']), nonce: String(req.headers['x-nonce']), rawBody: req.body },
    secret,
    String(req.headers['x-signature']),
  );

beforeAll(async () => {
  env = await startPosAdminEnv();
  const now = new Date();
  env.emulator.db.insertRaw(
    'menu_items',
    Array.from({ length: MENU_SIZE }, (_, i) => ({
      _id: `${STORE}:${itemId(i)}`,
      storeId: STORE,
      itemId: itemId(i),
      itemName: `菜品${i}`,
      category: '主菜',
      priceFen: 1000 + i,
      unit: '份',
      status: 'active',
      ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }],
      cookingMethod: 'stir_fried',
      updatedAt: now,
    })),
  );
  pos = await startReceiver(async (req, res) => {
    if (req.url.startsWith('/probe/')) {
      // What an operator would see if the push were cut off right now: the logs of the chunks already sent.
      const { batch } = JSON.parse(req.body) as { batch: { syncId: string; index: number } };
      const logs = await env.db.collection('pos_sync_logs').where({ kind: 'menu.push', 'meta.pushId': batch.syncId }).count();
      logsAtChunk.set(batch.index, logs.total);
    }
    if (!signatureOk(req, secrets.get(String(req.headers['x-api-key'])))) return replyJson(res, 401, { code: 40114, message: '签名验证失败' });
    const body = JSON.parse(req.body) as { menuItems: { itemId: string }[] };
    const failedItems = body.menuItems.filter((m) => rejectedByPos(m.itemId)).map((m) => ({ itemId: m.itemId, reason: '价格超出范围' }));
    replyJson(res, 200, {
      code: 0,
      message: '同步成功',
      data: { totalCount: body.menuItems.length, successCount: body.menuItems.length - failedItems.length, failedCount: failedItems.length, failedItems },
    });
  });
  hooks = await startReceiver((req, res) => {
    const seen = hooks.requests.filter((r) => r.url === req.url).length;
    const failures = failFirst.get(req.url) ?? 0;
    if (seen <= failures) return replyJson(res, 503, { message: 'busy' });
    replyJson(res, 200, { ok: true });
  });
});

afterAll(async () => {
  await pos?.close();
  await hooks?.close();
  await env?.emulator.stop();
});

async function createIntegration(name: string, hookPath: string) {
  const reply = await env.call('createIntegration', {
    storeId: STORE,
    vendor: 'standard',
    name,
    endpoint: `${pos.url}/pos`,
    webhookUrl: `${hooks.url}${hookPath}`,
    events: ['menu.sync.completed'],
  });
  expect(reply.code).toBe(0);
  secrets.set(reply.data.apiKey, reply.data.secret);
  return reply.data as { integration: { _id: string }; apiKey: string; secret: string };
}

const outboxRecord = async (id: string) => (await env.db.collection('webhook_outbox').doc(id).get()).data as Record<string, any>;
/** Makes the record's next attempt due now, then runs the pos-interface timer as CloudBase would. */
async function retryNow(eventId: string) {
  await env.db
    .collection('webhook_outbox')
    .doc(eventId)
    .update({ data: { nextAttemptAt: new Date(Date.now() - 1000) } });
  const fired = await env.emulator.timers.fire('pos-interface');
  expect(fired.ok).toBe(true);
}

describe('menu push and webhook outbox', () => {
  let main: Awaited<ReturnType<typeof createIntegration>>;
  let push: Record<string, any>;

  it('pushes 450 dishes in 3 signed chunks and records the POS per-item results', async () => {
    main = await createIntegration('主收银', '/hooks/main');
    failFirst.set('/hooks/main', 2);
    const pushId = 'push_test0000000001';
    env.emulator.resetStats();
    const reply = await env.call('pushMenu', { integrationId: main.integration._id, syncType: 'full', pushId });
    expect(reply.code).toBe(0);
    // database round trips for the whole push: staff + integration + pushId check, 5 menu pages,
    // push record, 3 × (progress update + that chunk's log), outbox insert + inline attempt + its log,
    // final update, audit
    const roundTrips = Object.entries(env.emulator.stats())
      .filter(([action]) => action.startsWith('database.'))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(roundTrips).toBeLessThanOrEqual(20);
    push = reply.data;

    const menuRequests = pos.requests.filter((r) => r.url === '/pos/menu/sync');
    expect(menuRequests).toHaveLength(3);
    const bodies = menuRequests.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.menuItems.length)).toEqual([200, 200, 50]);
    expect(bodies.map((b) => b.batch)).toEqual([1, 2, 3].map((index) => ({ syncId: pushId, index, total: 3 })));
    expect(bodies[0]).toMatchObject({ restaurantId: STORE, syncType: 'full' });
    expect(bodies[0].menuItems[0]).toMatchObject({ itemId: 'm000', itemName: '菜品0', price: 10, unit: '份' });

    const rejected = Array.from({ length: MENU_SIZE }, (_, i) => itemId(i)).filter(rejectedByPos);
    expect(push).toMatchObject({
      _id: pushId,
      status: 'partial',
      chunksTotal: 3,
      chunksDone: 3,
      totalCount: 450,
      successCount: 450 - rejected.length,
      failedCount: rejected.length,
    });
    expect(push.failedItems).toEqual(rejected.map((id) => ({ itemId: id, reason: '价格超出范围' })));
    expect(push.chunks.map((c: { itemCount: number; httpStatus: number }) => [c.itemCount, c.httpStatus])).toEqual([
      [200, 200],
      [200, 200],
      [50, 200],
    ]);

    const polled = await env.call('getMenuPush', { pushId });
    expect(polled.data).toMatchObject({ status: 'partial', chunksDone: 3, successCount: push.successCount });
    expect((await env.call('getMenuPush', { pushId }, OTHER_MANAGER)).code).toBe(40402);

    const logs = await env.call('listSyncLogs', { integrationId: main.integration._id, kind: 'menu.push' });
    expect(logs.data.total).toBe(3);
    expect(logs.data.items.map((l: { counts: { total: number } }) => l.counts.total).sort()).toEqual([200, 200, 50]);

    // the same pushId again is the same push, not a second one
    const again = await env.call('pushMenu', { integrationId: main.integration._id, syncType: 'full', pushId }, MANAGER);
    expect(again.data._id).toBe(pushId);
    expect(pos.requests.filter((r) => r.url === '/pos/menu/sync')).toHaveLength(3);
  });

  it('delivers menu.sync.completed: inline attempt, then timer retries with backoff until the receiver accepts', async () => {
    const eventId = push.eventId as string;
    expect(eventId).toMatch(/^evt_/);
    let record = await outboxRecord(eventId);
    expect(record).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503, lastError: 'HTTP 503' });
    // first retry waits at least 30 s and at most the 10-minute ceiling
    const wait = new Date(record.nextAttemptAt).getTime() - new Date(record.lastAttemptAt).getTime();
    expect(wait).toBeGreaterThanOrEqual(29_000);
    expect(wait).toBeLessThanOrEqual(10 * 60_000 + 1000);

    // not due yet: the timer leaves it alone
    await env.emulator.timers.fire('pos-interface');
    expect(hooks.requests.filter((r) => r.url === '/hooks/main')).toHaveLength(1);

    await retryNow(eventId);
    record = await outboxRecord(eventId);
    expect(record).toMatchObject({ status: 'pending', attempts: 2 });
    await retryNow(eventId);
    record = await outboxRecord(eventId);
    expect(record).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200 });

    const deliveries = hooks.requests.filter((r) => r.url === '/hooks/main');
    expect(deliveries).toHaveLength(3);
    expect(new Set(deliveries.map((d) => d.headers['x-event-id']))).toEqual(new Set([eventId]));
    // same body every time; new timestamp/nonce/signature per attempt
    expect(new Set(deliveries.map((d) => d.body)).size).toBe(1);
    expect(new Set(deliveries.map((d) => d.headers['x-nonce'])).size).toBe(3);
    for (const d of deliveries) {
      expect(d.headers['x-api-key']).toBe(main.apiKey);
      expect(signatureOk(d, main.secret)).toBe(true);
    }
    const body = JSON.parse(deliveries[0].body);
    expect(body).toMatchObject({
      event: 'menu.sync.completed',
      data: { syncId: push._id, restaurantId: STORE, status: 'partial', totalCount: 450, failedCount: push.failedCount },
    });
    expect(body.signature).toBe(bodySignature(main.secret, eventId, body.event, body.timestamp));

    const logs = await env.call('listSyncLogs', { integrationId: main.integration._id, kind: 'webhook.delivery' });
    expect(logs.data.items.map((l: { status: string }) => l.status)).toEqual(['success', 'failed', 'failed']);
  });

  it('dead-letters after 10 attempts with the last error; replay delivers it', async () => {
    const flaky = await createIntegration('备用收银', '/hooks/flaky');
    failFirst.set('/hooks/flaky', 10);
    const reply = await env.call('pushMenu', { integrationId: flaky.integration._id, syncType: 'incremental' });
    expect(reply.code).toBe(0);
    const eventId = reply.data.eventId as string;
    for (let attempt = 2; attempt <= 10; attempt++) await retryNow(eventId);
    const dead = await outboxRecord(eventId);
    expect(dead).toMatchObject({ status: 'dead', attempts: 10, lastError: 'HTTP 503', lastStatus: 503 });
    // dead letters are not retried by the timer
    await retryNow(eventId);
    expect((await outboxRecord(eventId)).attempts).toBe(10);

    const letters = await env.call('listDeadLetters', { integrationId: flaky.integration._id });
    expect(letters.data.items.map((r: { _id: string }) => r._id)).toEqual([eventId]);
    expect((await env.call('listDeadLetters', {}, OTHER_MANAGER)).data.total).toBe(0);
    expect((await env.call('replayDeadLetter', { id: eventId }, OTHER_MANAGER)).code).toBe(40402);

    const replayed = await env.call('replayDeadLetter', { id: eventId }, ADMIN);
    expect(replayed.code).toBe(0);
    expect(replayed.data).toMatchObject({ status: 'delivered', attempts: 11, replays: 1 });
    expect(await outboxRecord(eventId)).toMatchObject({ status: 'delivered', attempts: 11 });
    const deliveries = hooks.requests.filter((r) => r.url === '/hooks/flaky');
    expect(deliveries).toHaveLength(11);
    expect(new Set(deliveries.map((d) => d.headers['x-event-id']))).toEqual(new Set([eventId]));
    expect((await env.call('replayDeadLetter', { id: eventId })).code).toBe(40901);
    const audits = (await env.db.collection('audit_logs').where({ action: 'pos.webhook.replay' }).get()).data;
    expect(audits).toHaveLength(1);
  });

  it('an incremental push sends only dishes changed since the last complete push', async () => {
    const past = new Date(Date.now() - 3_600_000);
    env.emulator.db.insertRaw(
      'menu_items',
      [1, 2, 3].map((n) => ({
        _id: `${OTHER_STORE}:x${n}`,
        storeId: OTHER_STORE,
        itemId: `x${n}`,
        itemName: `小菜${n}`,
        category: '凉菜',
        priceFen: 800,
        unit: '份',
        status: 'active',
        ingredients: [],
        updatedAt: past,
      })),
    );
    const created = await env.call('createIntegration', { storeId: OTHER_STORE, vendor: 'standard', name: '乙店收银', endpoint: `${pos.url}/pos` });
    secrets.set(created.data.apiKey, created.data.secret);
    const id = created.data.integration._id as string;
    const full = await env.call('pushMenu', { integrationId: id, syncType: 'full' }, OTHER_MANAGER);
    expect(full.data).toMatchObject({ status: 'success', totalCount: 3, successCount: 3, chunksTotal: 1 });
    // a single-request push is exactly the seed body: no batch field
    expect(JSON.parse(pos.requests.at(-1)!.body)).not.toHaveProperty('batch');

    await env.db
      .collection('menu_items')
      .doc(`${OTHER_STORE}:x2`)
      .update({ data: { itemName: '小菜二', updatedAt: new Date() } });
    const incremental = await env.call('pushMenu', { integrationId: id, syncType: 'incremental' }, OTHER_MANAGER);
    expect(incremental.data).toMatchObject({ status: 'success', totalCount: 1, successCount: 1 });
    const sent = JSON.parse(pos.requests.at(-1)!.body);
    expect(sent).toMatchObject({ syncType: 'incremental', menuItems: [{ itemId: 'x2', itemName: '小菜二' }] });
  });

  it('reports a push cut off by a function timeout as failed instead of running forever', async () => {
    const startedAt = new Date(Date.now() - 5 * 60_000);
    env.emulator.db.insertRaw('menu_pushes', [
      {
        _id: 'push_abandoned000001',
        integrationId: main.integration._id,
        storeId: STORE,
        vendor: 'standard',
        syncType: 'full',
        status: 'running',
        chunksTotal: 3,
        chunksDone: 1,
        totalCount: 450,
        successCount: 200,
        failedCount: 0,
        failedItems: [],
        chunks: [],
        startedBy: ADMIN,
        startedAt,
      },
    ]);
    const polled = await env.call('getMenuPush', { pushId: 'push_abandoned000001' });
    expect(polled.data).toMatchObject({ status: 'failed', chunksDone: 1, failedCount: 250, abortReason: expect.stringContaining('推送中断') });
    expect((await env.db.collection('menu_pushes').doc('push_abandoned000001').get()).data).toMatchObject({ status: 'failed', eventId: polled.data.eventId });
    // like a push that ran to the end, it raises menu.sync.completed (here: failed, with what was sent)
    expect(await outboxRecord(polled.data.eventId)).toMatchObject({
      event: 'menu.sync.completed',
      data: { syncId: 'push_abandoned000001', status: 'failed', successCount: 200, failedCount: 250 },
    });
  });

  it('sends nothing to disabled integrations and dead-letters events of deleted ones', async () => {
    const doomed = await createIntegration('将删除', '/hooks/doomed');
    failFirst.set('/hooks/doomed', 100);
    const pushed = await env.call('pushMenu', { integrationId: doomed.integration._id, syncType: 'full' });
    const eventId = pushed.data.eventId as string;
    expect((await outboxRecord(eventId)).status).toBe('pending');
    await env.call('deleteIntegration', { integrationId: doomed.integration._id, confirmName: '将删除' });
    await retryNow(eventId);
    expect(await outboxRecord(eventId)).toMatchObject({ status: 'dead', attempts: 2, lastError: '接入配置已删除' });
    expect(hooks.requests.filter((r) => r.url === '/hooks/doomed')).toHaveLength(1);

    const paused = await createIntegration('已停用', '/hooks/paused');
    await env.call('disableIntegration', { integrationId: paused.integration._id });
    await env.call('enableIntegration', { integrationId: paused.integration._id });
    await env.call('disableIntegration', { integrationId: paused.integration._id });
    // a disabled integration cannot push, and raises no events
    expect((await env.call('pushMenu', { integrationId: paused.integration._id, syncType: 'full' })).code).toBe(40901);
    expect((await env.db.collection('webhook_outbox').where({ integrationId: paused.integration._id }).count()).total).toBe(0);
  });

  it('never sends an event twice when timers overlap', async () => {
    const slow = await startReceiver(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 250));
      replyJson(res, 200, { ok: true });
    });
    try {
      const integration = await env.call('createIntegration', {
        storeId: STORE,
        vendor: 'standard',
        name: '并发',
        webhookUrl: `${slow.url}/h`,
        events: ['menu.sync.completed'],
      });
      const id = integration.data.integration._id as string;
      // three warm instances, so the three runs below really overlap
      await Promise.all([1, 2, 3].map(() => env.emulator.timers.fire('pos-interface')));
      const past = new Date(Date.now() - 60_000);
      const ids = Array.from({ length: 12 }, (_, i) => `evt_concurrent_${i}`);
      env.emulator.db.insertRaw(
        'webhook_outbox',
        ids.map((_id) => ({
          _id,
          integrationId: id,
          storeId: STORE,
          event: 'menu.sync.completed',
          data: { n: _id },
          occurredAt: past.toISOString(),
          status: 'pending',
          attempts: 0,
          scheduleStart: 0,
          nextAttemptAt: past,
          replays: 0,
          createdAt: past,
          updatedAt: past,
        })),
      );
      const runs = await Promise.all([1, 2, 3].map(() => env.emulator.timers.fire('pos-interface')));
      expect(runs.every((r) => r.ok)).toBe(true);
      await waitFor(async () => (await env.db.collection('webhook_outbox').where({ integrationId: id, status: 'delivered' }).count()).total === ids.length);
      const perEvent = new Map<string, number>();
      for (const r of slow.requests) perEvent.set(String(r.headers['x-event-id']), (perEvent.get(String(r.headers['x-event-id'])) ?? 0) + 1);
      expect([...perEvent.values()]).toEqual(ids.map(() => 1));
      expect(slow.requests).toHaveLength(ids.length);
    } finally {
      await slow.close();
    }
  });

  it("writes each chunk's sync log with its progress update, so a push cut off mid-way keeps the logs of the chunks sent", async () => {
    const created = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name: '逐批日志', endpoint: `${pos.url}/probe`, events: [] });
    secrets.set(created.data.apiKey, created.data.secret);
    const pushId = 'push_probe0000000001';
    const reply = await env.call('pushMenu', { integrationId: created.data.integration._id, syncType: 'full', pushId });
    expect(reply.data).toMatchObject({ chunksTotal: 3, chunksDone: 3 });
    expect(Object.fromEntries(logsAtChunk)).toEqual({ 1: 0, 2: 1, 3: 2 });
    expect((await env.db.collection('pos_sync_logs').where({ kind: 'menu.push', 'meta.pushId': pushId }).count()).total).toBe(3);
  });

  it('a push cut off by the function timeout is closed promptly by the timer: failed, with menu.sync.completed raised once', async () => {
    const cut = await createIntegration('中断推送', '/hooks/cut');
    const running = (pushId: string, secondsAgo: number) => ({
      _id: pushId,
      integrationId: cut.integration._id,
      storeId: STORE,
      vendor: 'standard',
      syncType: 'full',
      status: 'running',
      chunksTotal: 3,
      chunksDone: 1,
      totalCount: 450,
      successCount: 199,
      failedCount: 1,
      failedItems: [{ itemId: 'm007', reason: '价格超出范围' }],
      chunks: [{ index: 1, itemCount: 200, status: 'partial', httpStatus: 200, durationMs: 10 }],
      startedBy: ADMIN,
      startedAt: new Date(Date.now() - secondsAgo * 1000),
    });
    // past the function timeout (60 s) plus a grace period: certainly dead; 20 s: may still be running
    env.emulator.db.insertRaw('menu_pushes', [running('push_cutoff000000001', 80), running('push_stillrunning001', 20)]);
    expect((await env.emulator.timers.fire('pos-interface')).ok).toBe(true);
    const closed = (await env.db.collection('menu_pushes').doc('push_cutoff000000001').get()).data as Record<string, any>;
    expect(closed).toMatchObject({ status: 'failed', abortReason: expect.stringContaining('推送中断'), successCount: 199, failedCount: 251 });
    expect(closed.eventId).toMatch(/^evt_/);
    expect((await env.db.collection('menu_pushes').doc('push_stillrunning001').get()).data).toMatchObject({ status: 'running' });
    const events = (await env.db.collection('webhook_outbox').where({ integrationId: cut.integration._id, event: 'menu.sync.completed' }).get()).data as any[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      _id: closed.eventId,
      status: 'delivered',
      data: { syncId: 'push_cutoff000000001', status: 'failed', totalCount: 450, successCount: 199, failedCount: 251 },
    });
    // polling it afterwards, or another timer run, does not raise it again
    expect((await env.call('getMenuPush', { pushId: 'push_cutoff000000001' })).data).toMatchObject({ status: 'failed', eventId: closed.eventId });
    await env.emulator.timers.fire('pos-interface');
    expect((await env.db.collection('webhook_outbox').where({ integrationId: cut.integration._id, event: 'menu.sync.completed' }).count()).total).toBe(1);
  });

  it('reports per-integration success rate and health score from an aggregation', async () => {
    const health = await env.call('integrationHealth', { integrationId: main.integration._id });
    expect(health.code).toBe(0);
    const entry = health.data.integrations.find((i: { integrationId: string }) => i.integrationId === main.integration._id);
    // main: 3 partial menu chunks + 2 failed and 2 successful webhook attempts (the second success is the
    // menu.sync.completed of the cut-off push, closed when it was polled) = 7 exchanges
    expect(entry.last24h).toMatchObject({ total: 7, success: 2, partial: 3, failed: 2, successRate: 50, grade: 'unhealthy' });
    expect(entry.last7d.total).toBe(7);
    const all = await env.call('integrationHealth', {});
    expect(all.data.integrations.length).toBeGreaterThanOrEqual(3);
    // a manager of another store only sees that store's integrations
    const ids = (await env.call('integrationHealth', {}, OTHER_MANAGER)).data.integrations.map((i: { integrationId: string }) => i.integrationId);
    expect(ids).not.toContain(main.integration._id);
  });
});
