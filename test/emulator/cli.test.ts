import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectSdk } from '../helpers/emulator';
import { DEMO } from '../../emulator/seed/demo-data';
import { readState } from '../../emulator/state-file';
import { freePort, runCliCommand, startCli, stopCli } from './support/cli';

async function callBridge(port: number, name: string, data: object, openid: string) {
  const response = await fetch(`http://127.0.0.1:${port}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(data),
  });
  return (await response.json()) as { result: any };
}

/** The README's curl example (signed GET /v1/pos/ping with the demo key), done with Node's crypto. */
async function signedDemoPing(port: number) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = createHmac('sha256', DEMO.pos.apiSecret).update(`GET\n/v1/pos/ping\n${timestamp}\n${nonce}\n`).digest('hex');
  const response = await fetch(`http://127.0.0.1:${port}/v1/pos/ping`, {
    headers: { 'X-API-Key': DEMO.pos.apiKey, 'X-Timestamp': timestamp, 'X-Nonce': nonce, 'X-Signature': signature },
  });
  return { status: response.status, body: (await response.json()) as { code: number; message: string; data: unknown } };
}

describe('npm start (emulator CLI)', () => {
  jest.setTimeout(120000);
  const dataDir = mkdtempSync(join(tmpdir(), 'emu-cli-'));

  it('prints URLs and demo credentials, keeps data across restarts, and --reset clears it', async () => {
    const port = await freePort();
    const first = await startCli(['--port', String(port), '--data', dataDir]);
    expect(first.output()).toContain(`http://127.0.0.1:${port}/admin`);
    expect(first.output()).toContain('pk_demo_rest123456');
    expect(first.output()).toContain('(已写入示范数据)');

    // the demo data is reachable through a function
    const ping = await callBridge(port, 'admin', { action: 'ping' }, 'demo-admin-openid');
    expect(ping.result).toMatchObject({ code: 0, data: { pong: true, openid: 'demo-admin-openid' } });

    // the README's signed curl to the demo POS integration returns the envelope
    const demo = await signedDemoPing(port);
    expect(demo).toMatchObject({ status: 200, body: { code: 0, data: { pong: true, integrationId: expect.any(String) } } });

    // `npm run emulator -- fire-timer <function>` fires a function's timer on the running emulator
    const fired = runCliCommand(['fire-timer', 'pos-interface', '--port', String(port)]);
    expect(fired.status).toBe(0);
    expect(JSON.parse(fired.stdout)).toMatchObject({ ok: true });

    // write something through the real SDK, as a function would (signed with the running
    // emulator's credentials, from its state file: each start has its own)
    const app = () => connectSdk(`http://127.0.0.1:${port}`, 'local-dev', readState(dataDir)!.credentials);
    await app()
      .database()
      .collection('audit_logs')
      .add({ data: { marker: 'survives-restart' } });
    expect(await stopCli(first)).toBe(0);

    const second = await startCli(['--port', String(port), '--data', dataDir]);
    expect(second.output()).toContain('(沿用已有数据)');
    const kept = await app().database().collection('audit_logs').where({ marker: 'survives-restart' }).count();
    expect(kept.total).toBe(1);
    expect(await stopCli(second)).toBe(0);

    const third = await startCli(['--port', String(port), '--data', dataDir, '--reset']);
    expect(third.output()).toContain('(已写入示范数据)');
    const cleared = await app().database().collection('audit_logs').where({ marker: 'survives-restart' }).count();
    expect(cleared.total).toBe(0);
    expect(await stopCli(third)).toBe(0);
  });
});
