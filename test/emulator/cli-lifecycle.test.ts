/**
 * Issue #12 items 12, 19 and 1 (the process side): `npm start` stops as cleanly on SIGTERM and
 * SIGHUP as on Ctrl-C (data lock released, a second start on the same folder works), also when
 * only npm is signalled; the CLI verbs find an emulator on a custom port through the data
 * folder's state file; and deeply nested requests leave the process alive and answering.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCrashGuards } from '../../emulator/process-guards';
import { readState, STATE_FILE } from '../../emulator/state-file';
import { PROJECT_ROOT } from '../helpers/emulator';
import { cliEnv, freePort, runCliCommand, startCli, stopCli, whenReady } from './support/cli';

jest.setTimeout(120000);

const lockOf = (dataDir: string) => join(dataDir, 'database.sqlite.lock');

async function ping(url: string) {
  const started = performance.now();
  const response = await fetch(`${url}/functions/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-admin-openid' },
    body: '{"action":"ping"}',
  });
  return { status: response.status, body: (await response.json()) as { result?: { code: number } }, ms: performance.now() - started };
}

describe('npm start stops cleanly on every stop signal (item 12)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emu-signals-'));

  it.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)(
    '%s: exits 0 within seconds, releases the lock and the state file; the next start on the folder works',
    async (signal) => {
      const port = await freePort();
      const running = await startCli(['--port', String(port), '--data', dataDir]);
      expect(existsSync(lockOf(dataDir))).toBe(true);
      expect(readState(dataDir)).toMatchObject({ port, url: `http://127.0.0.1:${port}` });
      expect(await stopCli(running, signal, 5000)).toBe(0);
      expect(existsSync(lockOf(dataDir))).toBe(false);
      expect(existsSync(join(dataDir, STATE_FILE))).toBe(false);
      expect(running.output()).toContain('已停止。');
    },
  );

  it('a SIGTERM or SIGHUP to npm alone (as a process manager sends it) stops the emulator too', async () => {
    for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
      const port = await freePort();
      // npm → sh -c "node --import tsx emulator/cli.ts start …" → node: npm's signal reaches the shell only
      const npm = spawn('npm', ['start', '--', '--port', String(port), '--data', dataDir, '--quiet', '--no-timers', '--no-build'], {
        cwd: PROJECT_ROOT,
        env: cliEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const running = await whenReady(npm);
      const emulatorPid = readState(dataDir)!.pid;
      expect(emulatorPid).not.toBe(npm.pid);
      npm.kill(signal);
      const gone = () => {
        try {
          process.kill(emulatorPid, 0);
          return false;
        } catch {
          return true;
        }
      };
      const deadline = Date.now() + 5000;
      while (!gone() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(gone()).toBe(true);
      expect(existsSync(lockOf(dataDir))).toBe(false);
      expect(running.output()).toContain('已停止。');
    }
  });
});

describe('the CLI verbs follow a custom port (item 19) and deep nesting leaves the process alive (item 1)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emu-state-'));

  it('finds the running emulator through <dataDir>/emulator.json, without --port or PORT', async () => {
    const port = await freePort();
    const running = await startCli(['--data', dataDir], { PORT: String(port) });
    try {
      expect(running.output()).toContain(`小程序本地地址 http://127.0.0.1:${port}`);
      expect(running.output()).toContain('LOCAL_BASE_URL');
      const stats = runCliCommand(['stats', '--data', dataDir]);
      expect(stats.status).toBe(0);
      expect(JSON.parse(stats.stdout)).toHaveProperty('admin');
      const fired = runCliCommand(['fire-timer', 'pos-interface', '--data', dataDir]);
      expect(fired.status).toBe(0);
      expect(JSON.parse(fired.stdout)).toMatchObject({ ok: true });
      // `pay` reaches the simulator on that port (an unknown order is its 404, not a connection error)
      const paid = runCliCommand(['pay', 'no-such-order', '--data', dataDir]);
      expect(paid.status).toBe(1);
      expect(JSON.parse(paid.stdout)).toMatchObject({ code: 'WXPAY_SIMULATOR_ERROR' });
      // with no emulator on the folder, the verb says where it looked
      const elsewhere = runCliCommand(['stats', '--data', mkdtempSync(join(tmpdir(), 'emu-none-'))], { PORT: String(await freePort()) });
      expect(elsewhere.status).not.toBe(0);
      expect(elsewhere.stderr).toContain('无法连接模拟器');

      // item 1 against the real process: 5 concurrent requests nested 6,000 deep
      const deep = `{"action":"ping","x":${'['.repeat(6000)}${']'.repeat(6000)}}`;
      const url = `http://127.0.0.1:${port}`;
      await ping(url); // warm instance
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => fetch(`${url}/functions/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep })),
      );
      expect(replies.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
      const after = await ping(url);
      console.log(`CLI emulator: ping after 5 deep requests in ${after.ms.toFixed(1)} ms`);
      expect(after).toMatchObject({ status: 200, body: { result: { code: 0 } } });
      expect(after.ms).toBeLessThan(1000);
      expect(running.child.exitCode).toBeNull();
    } finally {
      expect(await stopCli(running, 'SIGTERM', 5000)).toBe(0);
    }
  });

  it('keeps running when something throws from a timer or a promise is left rejected', () => {
    const script = `
      const { installCrashGuards } = require(${JSON.stringify(join(PROJECT_ROOT, 'emulator/process-guards.ts'))});
      installCrashGuards((text) => process.stderr.write(text + '\\n'));
      setTimeout(() => { throw new RangeError('Maximum call stack size exceeded'); }, 10);
      Promise.reject(new Error('left rejected'));
      setTimeout(() => { console.log('still alive'); process.exit(0); }, 200);`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 30000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('still alive');
    expect(result.stderr).toContain('RangeError');
    expect(result.stderr).toContain('left rejected');
    expect(typeof installCrashGuards).toBe('function');
  });
});
