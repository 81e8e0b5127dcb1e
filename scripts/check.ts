/**
 * `npm run check`: type-check, lint, format check, import boundaries and generated docs, in two
 * lanes at once (the machines have two cores), each step's output printed when it ends.
 *
 * Fast on a second run: tsc is incremental, ESLint, Prettier and dependency-cruiser keep caches —
 * all under node_modules/.cache/check/ (git-ignored, dropped with node_modules). ESLint and
 * Prettier look at the files git tracks (committed or staged), so untracked scratch files never
 * fail the check; a new file is checked once it is `git add`ed.
 *   --only <step>[,<step>]   run some steps (names below), e.g. --only eslint,prettier
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(__dirname, '..');
export const CACHE_DIR = join('node_modules', '.cache', 'check');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** Files git tracks (and staged new ones); undefined outside a git work tree. */
export function trackedFiles(cwd = root): string[] | undefined {
  const result = spawnSync('git', ['ls-files', '-z', '--cached'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) return undefined;
  // a tracked file deleted in the work tree but not yet staged: nothing to check
  const deleted = new Set(spawnSync('git', ['ls-files', '-z', '--deleted'], { cwd, encoding: 'utf8' }).stdout.split('\0'));
  return result.stdout.split('\0').filter((file) => file && !deleted.has(file));
}

function boundariesScript(): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.boundaries;
}

export const LINTED = /\.(ts|js|mjs|cjs)$/;

export interface Step {
  name: string;
  command: string;
  args: string[];
}

export function checkSteps(files: string[] | undefined): Step[] {
  const lintFiles = files ? files.filter((file) => LINTED.test(file)) : ['.'];
  const formatFiles = files ?? ['.'];
  return [
    {
      name: 'tsc backend',
      command: bin('tsc'),
      args: ['-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', join(CACHE_DIR, 'backend.tsbuildinfo')],
    },
    {
      name: 'tsc miniprogram',
      command: bin('tsc'),
      args: ['-p', 'miniprogram/tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', join(CACHE_DIR, 'miniprogram.tsbuildinfo')],
    },
    {
      name: 'eslint',
      command: bin('eslint'),
      // content strategy: a checkout or rebase touches mtimes without changing files
      args: ['--cache', '--cache-location', `${join(CACHE_DIR, 'eslint')}/`, '--cache-strategy', 'content', '--no-warn-ignored', ...lintFiles],
    },
    {
      name: 'prettier',
      command: bin('prettier'),
      args: [
        '--check',
        '--cache',
        '--cache-location',
        join(CACHE_DIR, 'prettier'),
        '--cache-strategy',
        'content',
        '--ignore-unknown',
        '--log-level',
        'warn',
        ...formatFiles,
      ],
    },
    // the one command line of `npm run boundaries` (package.json), so the cruised folders are listed once
    { name: 'boundaries', command: bin('depcruise'), args: boundariesScript().split(/\s+/).slice(1) },
    { name: 'error docs', command: bin('tsx'), args: ['scripts/gen-error-docs.ts', '--check'] },
  ];
}

/** Output is buffered (not a terminal), so colours are asked for explicitly when we print to one. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (process.stdout.isTTY) env.FORCE_COLOR = env.FORCE_COLOR ?? '1';
  else {
    // some tools treat any FORCE_COLOR (even '0') as "on"
    delete env.FORCE_COLOR;
    env.NO_COLOR = '1';
  }
  return env;
}

interface Outcome {
  step: Step;
  ok: boolean;
  seconds: number;
}

function run(step: Step): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: root, env: childEnv() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const finish = (ok: boolean) => {
      const seconds = (performance.now() - started) / 1000;
      console.log(`${ok ? '✔' : '✖'} ${step.name} (${seconds.toFixed(1)} s)`);
      if (!ok && output.trim()) console.log(output.trimEnd().replace(/^/gm, '    '));
      resolve({ step, ok, seconds });
    };
    child.on('error', (error) => {
      output += error.message;
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

/** Runs the steps in `lanes` parallel lanes, in order within a lane. */
async function runAll(steps: Step[], lanes: number): Promise<Outcome[]> {
  const queue = [...steps];
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let step = queue.shift(); step; step = queue.shift()) outcomes.push(await run(step));
    }),
  );
  return outcomes;
}

async function main() {
  const started = performance.now();
  mkdirSync(join(root, CACHE_DIR), { recursive: true });
  const at = process.argv.indexOf('--only');
  const only = at >= 0 ? process.argv[at + 1].split(',') : undefined;
  const files = trackedFiles();
  if (!files) console.log('not a git work tree: linting and format-checking every file');
  const steps = checkSteps(files).filter((step) => !only || only.includes(step.name) || only.includes(step.name.split(' ')[0]));
  const outcomes = await runAll(steps, 2);
  const failed = outcomes.filter((outcome) => !outcome.ok);
  console.log(
    `\n${failed.length ? `✖ ${failed.map((o) => o.step.name).join(', ')} failed` : '✔ all checks passed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exit(failed.length ? 1 : 0);
}

if (require.main === module) void main();
