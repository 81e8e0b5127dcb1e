/** Spawning the emulator CLI as `npm start` / `npm run emulator` run it (node --import tsx emulator/cli.ts). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../helpers/emulator';

export const CLI = join(PROJECT_ROOT, 'emulator/cli.ts');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
}

/** The environment of a CLI child: no PORT, and not "started by npm" unless a test says so. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PORT: '', npm_lifecycle_event: '', ...extra };
}

/** Waits until a started CLI (or `npm start`) prints that it is ready. */
export function whenReady(child: ChildProcess): Promise<Started> {
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${text}`)), 60000);
    const poll = setInterval(() => {
      if (text.includes('按 Ctrl-C 停止')) {
        clearInterval(poll);
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, output: () => text });
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code}:\n${text}`));
    });
  });
}

/** `emulator start` with the functions the jest global setup already built. */
export function startCli(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--quiet', '--no-timers', '--no-build', ...args], {
    cwd: PROJECT_ROOT,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return whenReady(child);
}

/** Sends `signal` and resolves with the exit code, or rejects if the process is still there after `withinMs`. */
export function stopCli({ child }: Started, signal: NodeJS.Signals = 'SIGINT', withinMs = 10000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator still running ${withinMs} ms after ${signal}`)), withinMs);
    child.removeAllListeners('exit');
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(signal);
  });
}

/** A one-shot CLI verb (`npm run emulator -- <args>`). */
export function runCliCommand(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: PROJECT_ROOT, env: cliEnv(env), encoding: 'utf8', timeout: 60000 });
}
