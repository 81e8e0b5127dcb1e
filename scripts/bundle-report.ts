/**
 * The table `npm run build` prints: per function the bundle size, the cold `require` time and
 * the biggest npm packages inside, against the size budget.
 *
 * Cold require: a fresh `node` child process loads wx-server-sdk first (untimed, it is the same
 * for every function and not ours to shrink), then times `require('build/functions/<fn>/index.js')`
 * — parsing and running the bundle's top level, what a cold start adds on top of the runtime.
 * A few runs per function, the median is shown (the machine may be busy with other work).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Bundles without payment libraries (WeChat Pay SDK, axios, XML) stay under this. */
export const BUNDLE_BUDGET_BYTES = 300 * 1024;
/** Packages that only the payment context needs; a bundle holding one is not held to the budget. */
export const PAYMENT_LIBRARIES = ['wechatpay-axios-plugin'];
export const DEFAULT_RUNS = 3;

export interface BundleSize {
  name: string;
  bytes: number;
  packages?: { name: string; bytes: number }[];
}

/** One fresh process: require wx-server-sdk (timed on its own), then the bundle; prints "sdkMs bundleMs". */
const CHILD = `
const { performance } = require('node:perf_hooks');
const file = process.argv[1];
let started = performance.now();
require(require.resolve('wx-server-sdk', { paths: [require('node:path').dirname(file)] }));
const sdk = performance.now() - started;
started = performance.now();
require(file);
process.stdout.write(sdk + ' ' + (performance.now() - started));
process.exit(0);
`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Cold `require` of a built bundle, in ms, each run in a fresh `node` (wx-server-sdk required first, timed apart). */
export function coldRequire(bundleFile: string, runs = DEFAULT_RUNS): { bundleMs: number[]; sdkMs: number[] } {
  const bundleMs: number[] = [];
  const sdkMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    // LOG_LEVEL keeps a bundle's start-up logging (if any) quiet; only the last stdout line is the measurement
    const out = execFileSync(process.execPath, ['-e', CHILD, bundleFile], {
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [sdk, bundle] = out.trim().split('\n').pop()!.split(' ').map(Number);
    sdkMs.push(sdk);
    bundleMs.push(bundle);
  }
  return { bundleMs, sdkMs };
}

export function withinBudget(bundle: BundleSize): boolean | undefined {
  if (bundle.packages?.some((pkg) => PAYMENT_LIBRARIES.includes(pkg.name))) return undefined;
  return bundle.bytes <= BUNDLE_BUDGET_BYTES;
}

/** `runs` = 0 prints sizes only (no child processes). */
export function printBundleReport(outputRoot: string, bundles: BundleSize[], runs = DEFAULT_RUNS): void {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const sdkTimes: number[] = [];
  const rows = bundles.map((bundle) => {
    const budget = withinBudget(bundle);
    let cold = 'not measured';
    if (runs > 0) {
      const times = coldRequire(join(outputRoot, bundle.name, 'index.js'), runs);
      sdkTimes.push(...times.sdkMs);
      cold = `${median(times.bundleMs).toFixed(1)} ms`;
    }
    return [
      bundle.name,
      kb(bundle.bytes),
      cold,
      budget === undefined ? 'n/a (payment libs)' : budget ? `ok ≤ ${kb(BUNDLE_BUDGET_BYTES)}` : `OVER ${kb(BUNDLE_BUDGET_BYTES)}`,
      (bundle.packages ?? [])
        .slice(0, 3)
        .map((pkg) => `${pkg.name} ${kb(pkg.bytes)}`)
        .join(', '),
    ];
  });
  const header = ['function', 'index.js', `cold require (median of ${runs})`, 'budget', 'largest npm packages inside'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 1 || column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  if (sdkTimes.length) console.log(`\nwx-server-sdk (external, required before each bundle and not counted above): median ${median(sdkTimes).toFixed(1)} ms`);
  console.log('upload folders build/functions/<fn>/ (index.js, package.json, config.json); source maps in build/sourcemaps/<fn>/');
}
