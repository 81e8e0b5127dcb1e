import { randomBytes } from 'node:crypto';
import { seal } from '../../cloudfunctions/shared/domain/secret-box';
import { STORE, replyJson, startPosAdminEnv, startReceiver, type PosAdminEnv } from './admin-support';

/*
 * The webhook timer under adverse conditions: a record it can never sign, and one integration
 * whose receiver hangs while others wait behind it.
 */
let env: PosAdminEnv;
let fast: Awaited<ReturnType<typeof startReceiver>>;
let hanging: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  env = await startPosAdminEnv();
  fast = await startReceiver((_req, res) => replyJson(res, 200, { ok: true }));
  // Never answers: every attempt runs into the timer's 5 s timeout.
  hanging = await startReceiver(() => new Promise(() => undefined));
});

afterAll(async () => {
  await fast?.close();
  await hanging?.close();
  await env?.emulator.stop();
});

async function integration(name: string, webhookUrl: string): Promise<{ id: string; apiKey: string }> {
  const reply = await env.call('createIntegration', { storeId: STORE, vendor: 'standard', name, webhookUrl, events: ['menu.sync.completed'] });
  expect(reply.code).toBe(0);
  return { id: reply.data.integration._id, apiKey: reply.data.apiKey };
}

/** Due outbox records, written directly (what enqueue would have left pending). */
function dueRecords(integrationId: string, prefix: string, count: number, dueSecondsAgo: number) {
  const due = new Date(Date.now() - dueSecondsAgo * 1000);
  const ids = Array.from({ length: count }, (_, i) => `evt_${prefix}_${String(i).padStart(3, '0')}`);
  env.emulator.db.insertRaw(
    'webhook_outbox',
    ids.map((_id, i) => ({
      _id,
      integrationId,
      storeId: STORE,
      event: 'menu.sync.completed',
      data: { n: i },
      occurredAt: due.toISOString(),
      status: 'pending',
      attempts: 0,
      scheduleStart: 0,
      nextAttemptAt: new Date(due.getTime() + i),
      replays: 0,
      createdAt: due,
      updatedAt: due,
    })),
  );
  return ids;
}

const records = async (ids: string[]) =>
  (
    await env.db
      .collection('webhook_outbox')
      .where({ _id: env.db.command.in(ids) })
      .get()
  ).data as any[];

describe('webhook outbox timer', () => {
  it('dead-letters a record whose secret cannot be opened (clear Chinese error, no key details) and still delivers and logs the others', async () => {
    const broken = await integration('密钥损坏', `${fast.url}/broken`);
    const healthy = await integration('正常', `${fast.url}/healthy`);
    // As if SECRETS_MASTER_KEY_ID had changed since the secret was sealed.
    await env.db
      .collection('pos_integrations')
      .doc(broken.id)
      .update({ data: { secret: env.db.command.set(seal('sk_whatever', { id: 'retired-key', key: randomBytes(32) }, broken.apiKey)) } });
    const [brokenId] = dueRecords(broken.id, 'broken', 1, 120);
    // a record a crashed timer left in flight, lease expired: re-claimed, and must not loop forever either
    const [staleId] = dueRecords(broken.id, 'stale', 1, 120);
    await env.db
      .collection('webhook_outbox')
      .doc(staleId)
      .update({ data: { status: 'delivering', attempts: 3, leaseUntil: new Date(Date.now() - 1000) } });
    const healthyIds = dueRecords(healthy.id, 'healthy', 2, 60);

    const fired = await env.emulator.timers.fire('pos-interface');
    expect(fired.ok).toBe(true);
    const byId = new Map((await records([brokenId, staleId, ...healthyIds])).map((r) => [r._id, r]));
    for (const id of [brokenId, staleId]) {
      expect(byId.get(id)).toMatchObject({ status: 'dead', lastError: expect.stringContaining('密钥无法解密') });
      expect(byId.get(id).lastError).not.toMatch(/retired-key|kid|sealed/);
    }
    expect(healthyIds.map((id) => byId.get(id).status)).toEqual(['delivered', 'delivered']);
    expect(fast.requests.filter((r) => r.url === '/broken')).toHaveLength(0);

    const logs = (await env.db.collection('pos_sync_logs').where({ kind: 'webhook.delivery' }).get()).data as any[];
    expect(logs.map((l) => l.requestId).sort()).toEqual([brokenId, staleId, ...healthyIds].sort());

    // dead means dead: the next run leaves them alone
    await env.emulator.timers.fire('pos-interface');
    const after = new Map((await records([brokenId, staleId])).map((r) => [r._id, [r.status, r.attempts]]));
    expect([after.get(brokenId), after.get(staleId)]).toEqual([
      ['dead', 1],
      ['dead', 4],
    ]);
  });

  it('shares a run between integrations: a receiver that hangs cannot starve the others', async () => {
    const slow = await integration('挂起的接收方', `${hanging.url}/slow`);
    const quick = await integration('及时的接收方', `${fast.url}/quick`);
    // the slow one's backlog is older and fills a whole page of due records, so it sorts first
    dueRecords(slow.id, 'slow', 120, 600);
    const quickIds = dueRecords(quick.id, 'quick', 3, 60);
    const fired = await env.emulator.timers.fire('pos-interface');
    expect(fired.ok).toBe(true);
    expect((await records(quickIds)).map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
    // the slow integration got attempts too, but no more than its share
    const slowAttempted = (
      await env.db
        .collection('webhook_outbox')
        .where({ integrationId: slow.id, attempts: env.db.command.gt(0) })
        .count()
    ).total;
    expect(slowAttempted).toBeGreaterThan(0);
    expect(slowAttempted).toBeLessThanOrEqual(10);
  }, 40_000);
});
