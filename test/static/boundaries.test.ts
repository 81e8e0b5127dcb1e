/**
 * The import boundaries of .dependency-cruiser.cjs hold: dependency-cruiser finds no violation
 * in the repository (beyond the recorded known ones, which must shrink, never grow), and a
 * deliberately forbidden import in a temporary file (in a throw-away copy of the project's
 * setup) is caught by the rule it breaks.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/emulator';

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: 'error' | 'warn' | 'info' | 'ignore' };
  cycle?: { name: string }[];
}

interface CruiseResult {
  summary: { error: number; warn: number; info: number; ignore: number; totalCruised: number; violations: Violation[] };
}

const CLI = join(PROJECT_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const KNOWN = join(PROJECT_ROOT, '.dependency-cruiser-known-violations.json');

/** The folders `npm run boundaries` cruises (one list, in package.json). */
function cruisedFolders(): string[] {
  const script = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.boundaries;
  const match = /^depcruise ((?:[\w-]+ )+)--config/.exec(script);
  if (!match) throw new Error(`unexpected boundaries script: ${script}`);
  return match[1].trim().split(' ');
}

function cruise(paths: string[], extra: string[] = [], cwd = PROJECT_ROOT): CruiseResult {
  const run = spawnSync(process.execPath, [CLI, ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...extra], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as CruiseResult;
}

const describeViolation = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((step) => step.name).join(' → ') : v.to}`;

describe('import boundaries (dependency-cruiser)', () => {
  jest.setTimeout(180_000);

  it('cruises all product, tool and test code', () => {
    expect(cruisedFolders()).toEqual(expect.arrayContaining(['cloudfunctions', 'miniprogram', 'typings', 'emulator', 'test', 'scripts', 'bench']));
  });

  it('finds no violation in the repository beyond the recorded known ones, and every known one still exists', () => {
    const result = cruise(cruisedFolders(), ['--ignore-known', KNOWN]);
    expect(result.summary.totalCruised).toBeGreaterThan(100);
    const open = result.summary.violations.filter((v) => v.rule.severity !== 'ignore' && v.rule.severity !== 'info');
    expect(open.map(describeViolation)).toEqual([]);
    // The baseline only shrinks: a fixed violation leaves it (`npm run boundaries:baseline`), so it cannot come back unseen.
    const known = JSON.parse(readFileSync(KNOWN, 'utf8')) as Violation[];
    const ignored = new Set(result.summary.violations.filter((v) => v.rule.severity === 'ignore').map((v) => `${v.rule.name} ${v.from} ${v.to}`));
    const fixed = known.filter((v) => !ignored.has(`${v.rule.name} ${v.from} ${v.to}`)).map(describeViolation);
    expect({ fixedButStillInBaseline: fixed }).toEqual({ fixedButStillInBaseline: [] });
  });

  describe('a deliberately forbidden import in a temporary file fails', () => {
    // The probe is a throw-away project in a temporary folder, with the repository's real rules
    // (.dependency-cruiser.cjs), tsconfig, package.json and node_modules: nothing is written into
    // the work tree, so tests running alongside (which scan cloudfunctions/) never see it.
    const fnA = 'cloudfunctions/alpha';
    const fnB = 'cloudfunctions/beta';
    const mini = 'miniprogram/probe';
    const typingsFile = 'typings/probe.ts';
    const files: Record<string, string> = {
      'typings/api/common.ts': 'export const MAX_PAGE_SIZE = 100;\nexport type Page<T> = { items: T[] };\n',
      'test/helpers/emulator.ts': 'export const helper = 1;\n',
      [`${fnA}/src/repositories/things.ts`]: 'export const findThing = async (id: string) => ({ id });\n',
      [`${fnA}/src/domain/rule.ts`]: "import { findThing } from '../repositories/things';\nexport const rule = findThing;\n",
      [`${fnA}/src/handlers/call-other.ts`]: "import { other } from '../../../beta/src/index';\nexport const callOther = other;\n",
      [`${fnA}/src/handlers/tooling.ts`]: "import { build } from 'esbuild';\nexport const tooling = build;\n",
      [`${fnB}/src/index.ts`]: "import { helper } from '../../../test/helpers/emulator';\nexport const other = helper;\n",
      [`${mini}/value.ts`]: "import { MAX_PAGE_SIZE } from '../../typings/api/common';\nexport const size = MAX_PAGE_SIZE;\n",
      [`${mini}/types.ts`]: "import type { Page } from '../../typings/api/common';\nexport type Pages = Page<number>;\n",
      [`${mini}/cycle-a.ts`]: "import { b } from './cycle-b';\nexport const a = () => b;\n",
      [`${mini}/cycle-b.ts`]: "import { a } from './cycle-a';\nexport const b = () => a;\n",
      [typingsFile]: "import dayjs from 'dayjs';\nexport const now = () => dayjs();\n",
      // the real rules; node_modules is a link here, so paths keep their node_modules/<package> form
      '.dependency-cruiser.cjs': `const real = require(${JSON.stringify(join(PROJECT_ROOT, '.dependency-cruiser.cjs'))});\nmodule.exports = { ...real, options: { ...real.options, preserveSymlinks: true } };\n`,
      'tsconfig.json': readFileSync(join(PROJECT_ROOT, 'tsconfig.json'), 'utf8'),
      'tsconfig.base.json': readFileSync(join(PROJECT_ROOT, 'tsconfig.base.json'), 'utf8'),
      'package.json': readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'),
    };
    let result: CruiseResult;

    beforeAll(() => {
      const sandbox = mkdtempSync(join(tmpdir(), 'boundary-probe-'));
      try {
        for (const [path, text] of Object.entries(files)) {
          mkdirSync(dirname(join(sandbox, path)), { recursive: true });
          writeFileSync(join(sandbox, path), text);
        }
        symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(sandbox, 'node_modules'), 'dir');
        result = cruise([fnA, fnB, mini, typingsFile], [], sandbox);
      } finally {
        // always, also when the cruise throws
        rmSync(sandbox, { recursive: true, force: true });
      }
    });

    const violationsOf = (rule: string) =>
      result.summary.violations.filter((v) => v.rule.name === rule && !v.from.startsWith('test/')).map((v) => `${v.from} → ${v.to}`);

    it('a domain file importing a repository breaks domain-is-pure', () => {
      expect(violationsOf('domain-is-pure')).toEqual([`${fnA}/src/domain/rule.ts → ${fnA}/src/repositories/things.ts`]);
    });

    it('a function importing another function breaks no-cross-function-import', () => {
      expect(violationsOf('no-cross-function-import')).toEqual([`${fnA}/src/handlers/call-other.ts → ${fnB}/src/index.ts`]);
    });

    it('product code importing test helpers breaks product-code-not-on-emulator-or-tests', () => {
      expect(violationsOf('product-code-not-on-emulator-or-tests')).toEqual([`${fnB}/src/index.ts → test/helpers/emulator.ts`]);
    });

    it('the mini-program may import typings/ as types only', () => {
      expect(violationsOf('miniprogram-imports-typings-as-types-only')).toEqual([`${mini}/value.ts → typings/api/common.ts`]);
    });

    it('typings/ importing anything but zod and itself breaks typings-import-only-zod-and-typings', () => {
      expect(violationsOf('typings-import-only-zod-and-typings')).toEqual([expect.stringMatching(new RegExp(`^${typingsFile} → node_modules/dayjs/`))]);
    });

    it('an import circle breaks no-circular', () => {
      // one violation per circle, reported from whichever of its files comes first
      expect(violationsOf('no-circular')).toEqual([expect.stringMatching(new RegExp(`^${mini}/cycle-[ab]\\.ts → ${mini}/cycle-[ab]\\.ts$`))]);
    });

    it('a cloud function importing a devDependency breaks backend-uses-runtime-dependencies-only', () => {
      expect(violationsOf('backend-uses-runtime-dependencies-only')).toEqual([
        expect.stringMatching(new RegExp(`^${fnA}/src/handlers/tooling.ts → node_modules/esbuild/`)),
      ]);
    });

    it('the run fails (errors, not warnings)', () => {
      expect(result.summary.error).toBe(7);
    });
  });
});
