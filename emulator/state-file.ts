import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorCredentials } from './types';

/**
 * `<dataDir>/emulator.json`: where the emulator running on this data folder can be reached.
 * `npm start` writes it once it listens and removes it when it stops cleanly, so the CLI verbs
 * (`npm run emulator -- pay|refund|fire-timer|stats`) and tools find a custom PORT without being
 * told again. It also holds the credentials `/admin` checks (so a test or script can sign like
 * a function); it is written 0600, like function-env.json next to it.
 */
export const STATE_FILE = 'emulator.json';

export interface EmulatorState {
  url: string;
  port: number;
  pid: number;
  envId: string;
  startedAt: string;
  credentials: EmulatorCredentials;
}

export function writeState(dataDir: string, state: EmulatorState): void {
  writeFileSync(join(dataDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running emulator of a data folder; undefined when there is none (no file, or its process is gone). */
export function readState(dataDir: string): EmulatorState | undefined {
  const file = join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as EmulatorState;
    return typeof state.url === 'string' && Number.isInteger(state.pid) && alive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the state file if it is this process's (a second emulator refused on the same folder must not remove the first one's). */
export function removeState(dataDir: string, pid = process.pid): void {
  const file = join(dataDir, STATE_FILE);
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as EmulatorState).pid === pid) rmSync(file, { force: true });
  } catch {
    // no file, or not ours: nothing to remove
  }
}
