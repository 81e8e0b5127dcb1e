/**
 * Issue #12 item 20: the emulator's simulated POS, configured exactly as `npm start` configures
 * it (simulators' function configuration, then the demo seed). A menu push of the demo
 * integration arrives signed; the menu.sync.completed webhook arrives signed; with failures
 * injected the webhook goes through its retries to the dead letters, and replays once the POS
 * recovers.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFunctionEnv } from '../../emulator/local-config';
import { DEMO } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { posSimulatorFor, type PosSimulator } from '../../emulator/simulators/pos';
import { simulatorCliVerbs, simulatorFunctionEnv } from '../../emulator/simulators/registry';
import { MAX_ATTEMPTS } from '../../cloudfunctions/shared/integration/outbox/retry-schedule';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emulator: TestEmulator;
let dataDir: string;
let pos: PosSimulator;
let functionEnv: Record<string, string>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pos-simulator-'));
  const port = await freePort();
  process.env.POS_SIMULATOR_PORT = String(await freePort());
  functionEnv = { ...localFunctionEnv(dataDir), ...simulatorFunctionEnv(dataDir, `http://127.0.0.1:${port}`), LOG_LEVEL: 'error' };
  emulator = await startTestEmulator({ dataDir, port, functionEnv });
  createCollections(emulator.db);
  seedDemoData(emulator.db, dataDir, functionEnv);
  pos = posSimulatorFor(emulator);
  pos.echo = false;
});

afterAll(async () => {
  delete process.env.POS_SIMULATOR_PORT;
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const call = (action: string, data: Record<string, unknown> = {}) =>
  emulator.call<{ code: number; data: any }>('pos-interface', { action, ...data }, DEMO.adminOpenid);
const outbox = () => emulator.db.readAll('webhook_outbox') as { _id: string; status: string; attempts: number; event: string }[];

describe('the simulated POS', () => {
  it('is configured by the emulator: its own certificate in the data folder, trusted and allowed through function configuration only', async () => {
    const cert = readFileSync(join(dataDir, 'pos-simulator', 'cert.pem'), 'utf8');
    expect(new X509Certificate(cert).subjectAltName).toContain('IP Address:127.0.0.1');
    const port = process.env.POS_SIMULATOR_PORT;
    // the allowlist holds every simulator's port (the printer simulator's too)
    expect(functionEnv.OUTBOUND_ALLOW_HOSTS.split(',')).toContain(`127.0.0.1:${port}`);
    expect(functionEnv).toMatchObject({ OUTBOUND_CA_PEM: cert });
    const demo = (await call('getIntegration', { integrationId: DEMO.pos.integrationId })).data;
    expect(demo).toMatchObject({ endpoint: `https://127.0.0.1:${port}/pos`, webhookUrl: `https://127.0.0.1:${port}/pos/webhooks` });
    expect(pos.listening).toBe(true);
    const verbs = simulatorCliVerbs().find((v) => v.verb === 'pos')!;
    expect(verbs.request('received')).toEqual({ method: 'GET', path: '/_emulator/pos/received' });
    expect(verbs.request('toString')).toBeUndefined();
  });

  it('receives the demo menu push and the menu.sync.completed webhook, both with valid signatures', async () => {
    const test = await call('testIntegrationConnection', { integrationId: DEMO.pos.integrationId });
    expect(test.data).toMatchObject({ ok: true, httpStatus: 200 });

    const pushed = await emulator.http('POST', '/_emulator/pos/push', { body: {} });
    expect(pushed.status).toBe(200);
    expect(pushed.json).toMatchObject({ code: 0, data: { status: 'success', totalCount: 4, successCount: 4 } });

    const received = (await emulator.http('GET', '/_emulator/pos/received')).json.received as PosSimulator['received'];
    const push = received.find((r) => r.kind === 'menu-push');
    expect(push).toMatchObject({ path: '/pos/menu/sync', apiKey: DEMO.pos.apiKey, signatureValid: true, itemCount: 4, status: 200 });
    const hook = received.find((r) => r.kind === 'webhook');
    expect(hook).toMatchObject({ event: 'menu.sync.completed', signatureValid: true, bodySignatureValid: true, status: 200 });
    expect(outbox().find((r) => r._id === hook!.eventId)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('with failures injected, the webhook is retried and then dead-lettered; after recovery a replay delivers it', async () => {
    const failing = await emulator.http('POST', '/_emulator/pos/fail', { body: { always: true } });
    expect(failing.json).toEqual({ failing: 'always', status: 503 });
    const before = pos.received.length;
    expect((await emulator.http('POST', '/_emulator/pos/push', { body: {} })).json.code).toBe(0);
    const first = pos.received.slice(before).find((r) => r.kind === 'webhook')!;
    expect(first).toMatchObject({ signatureValid: true, bodySignatureValid: true, status: 503 });
    expect(outbox().find((r) => r._id === first.eventId)).toMatchObject({ status: 'pending', attempts: 1 });

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const round = await emulator.http('POST', '/_emulator/pos/retry-now', { body: {} });
      expect(round.status).toBe(200);
      expect(outbox().find((r) => r._id === first.eventId)).toMatchObject({ attempts: attempt, status: attempt < MAX_ATTEMPTS ? 'pending' : 'dead' });
    }
    const attempts = pos.received.filter((r) => r.eventId === first.eventId);
    expect(attempts).toHaveLength(MAX_ATTEMPTS);
    expect(attempts.every((r) => r.signatureValid && r.bodySignatureValid && r.status === 503)).toBe(true);

    const dead = await call('listDeadLetters', { integrationId: DEMO.pos.integrationId });
    expect(dead.data.items.map((r: { _id: string }) => r._id)).toContain(first.eventId);

    await emulator.http('POST', '/_emulator/pos/recover', { body: {} });
    const replayed = await call('replayDeadLetter', { id: first.eventId });
    expect(replayed.code).toBe(0);
    expect(outbox().find((r) => r._id === first.eventId)).toMatchObject({ status: 'delivered' });
    expect(pos.received.at(-1)).toMatchObject({ eventId: first.eventId, status: 200, signatureValid: true });
  });
});
