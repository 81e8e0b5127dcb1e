import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * How `npm start` stays up and goes down. Up: an error thrown from a timer or an unhandled
 * rejection somewhere in the emulator (a simulator's delayed notification, a worker event) is
 * logged, not fatal — one bad request must not take the developer's emulator with it. Down: the
 * same clean stop (functions, HTTP server, database and its lock, state file) on Ctrl-C (SIGINT),
 * SIGTERM (process managers, `kill`), SIGHUP (a closed terminal), and when the process that
 * started it goes away: `npm start` runs `sh -c …`, and a SIGTERM to npm kills that shell
 * without passing the signal on, which leaves this process behind with a new parent.
 */
export function installCrashGuards(log: (text: string) => void = (text) => console.error(text)): void {
  process.on('uncaughtException', (error) => log(`[emulator] 未捕获的异常（模拟器继续运行）: ${error.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) =>
    log(`[emulator] 未处理的 Promise 拒绝（模拟器继续运行）: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
  );
}

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The parent of process `pid` (/proc on Linux, `ps` elsewhere); undefined when it cannot be told. */
function parentOf(pid: number): number | undefined {
  try {
    const text = existsSync(`/proc/${pid}/stat`)
      ? readFileSync(`/proc/${pid}/stat`, 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ')[1]
      : execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' });
    const ppid = Number(text.trim());
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `stop(reason)` once: on a stop signal, or — when npm started this process
 * (`npm start` = npm → sh → node; `npm_lifecycle_event` is set) — when that shell or npm is gone,
 * checked every `pollMs`. Started any other way (`node …`, `nohup`), only signals stop it: its
 * parent shell going away is not a reason to stop.
 */
export function onStopRequest(stop: (reason: string) => void, { watchLauncher = Boolean(process.env.npm_lifecycle_event), pollMs = 500 } = {}): void {
  let requested = false;
  // set below when there is a launcher to watch; `request` may run before (a signal) or without it
  const launcher: { watch?: NodeJS.Timeout } = {};
  const request = (reason: string) => {
    if (requested) return;
    requested = true;
    clearInterval(launcher.watch);
    stop(reason);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => request(signal));
  if (!watchLauncher) return;
  const shell = process.ppid;
  const npm = parentOf(shell);
  // On Windows a process keeps its parent id when the parent exits; there, signals are what stop it.
  launcher.watch = setInterval(() => {
    if (process.ppid !== shell) request('启动它的 npm 已退出');
    else if (npm !== undefined && !alive(npm)) request('启动它的 npm 已退出');
  }, pollMs);
  launcher.watch.unref();
}
