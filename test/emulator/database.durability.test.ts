/**
 * Durability: a child process serves the database over HTTP; the test drives writes through the
 * real SDK, records every acknowledged one, SIGKILLs the child mid-loop, reopens the same SQLite
 * file and checks that every acknowledged write is there.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseService } from '../../emulator/database';
import { connectSdk, type AnyDb } from './support/sdk';

const WRITERS = 6;
const KILL_AFTER_ACKS = 150;

let dataDir: string;
let child: ChildProcess | undefined;

beforeAll(() => {
  // Requests cut off by the kill would leave the SDK's 3 s "slow request" timers running.
  process.env.SILENCE = 'true';
  dataDir = mkdtempSync(join(tmpdir(), 'emulator-db-durability-'));
});

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function startChild(file: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = fork(join(__dirname, 'support', 'durability-child.ts'), [file], {
      execArgv: ['--import', 'tsx'],
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => reject(new Error('durability child did not start in 20 s')), 20_000);
    proc.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve({ child: proc, port: message.port });
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`durability child exited early (${code ?? signal})`));
    });
  });
}

it('every acknowledged write survives a SIGKILL of the server process', async () => {
  const file = join(dataDir, 'database.sqlite');
  const started = await startChild(file);
  child = started.child;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => started.child.once('exit', (_code, signal) => resolve(signal)));
  const { db }: { db: AnyDb } = connectSdk(`http://127.0.0.1:${started.port}`);

  await db
    .collection('journal')
    .doc('counter')
    .set({ data: { n: 0 } });
  const acknowledged: string[] = [];
  let acknowledgedIncrements = 0;
  let acknowledgedTransactions = 0;
  let attempted = 0;
  let killed = false;

  const killIfDue = () => {
    if (!killed && acknowledged.length >= KILL_AFTER_ACKS) {
      killed = true;
      started.child.kill('SIGKILL');
    }
  };

  // Several concurrent writers, so writes are in flight at the moment of the kill.
  const writer = async (w: number) => {
    for (let i = 0; !killed && i < 10_000; i += 1) {
      const id = `w${w}-${i}`;
      attempted += 1;
      try {
        if (i % 5 === 4) {
          await db
            .collection('journal')
            .doc('counter')
            .update({ data: { n: db.command.inc(1) } });
          acknowledgedIncrements += 1;
        } else if (i % 7 === 6) {
          await db.runTransaction(async (transaction: AnyDb) => {
            await transaction.collection('journal').add({ data: { _id: id, w, i, tx: true } });
          }, 0);
          acknowledged.push(id);
          acknowledgedTransactions += 1;
        } else {
          await db.collection('journal').add({ data: { _id: id, w, i, at: new Date() } });
          acknowledged.push(id);
        }
      } catch {
        if (!killed) throw new Error(`write ${id} failed before the kill`);
        return; // in flight when the server died: not acknowledged, may or may not be stored
      }
      killIfDue();
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_unused, w) => writer(w)));
  expect(await exited).toBe('SIGKILL');
  expect(killed).toBe(true);

  const reopened = new DatabaseService({ file });
  try {
    const stored = new Map(reopened.readAll('journal').map((doc) => [doc._id as string, doc]));
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acknowledgedTransactions).toBeGreaterThan(0);
    // an increment may have committed without its reply arriving, never the other way round
    const counter = stored.get('counter') as { n: number };
    expect(counter.n).toBeGreaterThanOrEqual(acknowledgedIncrements);
    expect(counter.n).toBeLessThanOrEqual(acknowledgedIncrements + WRITERS);
    expect(stored.size - 1).toBeLessThanOrEqual(attempted);
  } finally {
    reopened.close();
  }
});
