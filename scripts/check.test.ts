import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, checkSteps, trackedFiles } from './check';

const root = join(__dirname, '..');

describe('npm run check', () => {
  it('lints and format-checks tracked files only: an untracked scratch file is not looked at', () => {
    const scratch = `zz-scratch-${process.pid}.ts`;
    writeFileSync(join(root, scratch), 'const   badly =   "formatted"\n');
    try {
      const files = trackedFiles(root);
      expect(files).toBeDefined();
      expect(files).toContain('package.json');
      expect(files).not.toContain(scratch);
      const steps = checkSteps(files);
      const eslint = steps.find((step) => step.name === 'eslint')!;
      const prettier = steps.find((step) => step.name === 'prettier')!;
      expect(eslint.args).not.toContain(scratch);
      expect(prettier.args).not.toContain(scratch);
      // ESLint gets only what it lints; Prettier gets everything tracked (it skips unknown kinds itself)
      expect(eslint.args.filter((arg) => arg.endsWith('.json'))).toEqual([]);
      expect(prettier.args).toContain('package.json');
    } finally {
      rmSync(join(root, scratch), { force: true });
    }
  });

  it('keeps every cache (tsc build info, ESLint, Prettier, dependency-cruiser) in one git-ignored folder', () => {
    const steps = checkSteps([]);
    expect(steps.map((step) => step.name)).toEqual(['tsc backend', 'tsc miniprogram', 'eslint', 'prettier', 'boundaries', 'error docs']);
    for (const name of ['tsc backend', 'tsc miniprogram']) {
      const args = steps.find((step) => step.name === name)!.args;
      expect(args).toEqual(expect.arrayContaining(['--noEmit', '--incremental']));
      expect(args[args.indexOf('--tsBuildInfoFile') + 1].startsWith(CACHE_DIR)).toBe(true);
    }
    for (const name of ['eslint', 'prettier']) {
      const args = steps.find((step) => step.name === name)!.args;
      expect(args[args.indexOf('--cache-location') + 1].startsWith(CACHE_DIR)).toBe(true);
    }
    const boundaries = steps.find((step) => step.name === 'boundaries')!.args;
    expect(boundaries[boundaries.indexOf('--cache') + 1].startsWith(CACHE_DIR)).toBe(true);
    expect(spawnSync('git', ['check-ignore', '-q', join(CACHE_DIR, 'eslint')], { cwd: root }).status).toBe(0);
  });

  it('is what npm run check, typecheck and lint run', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.check).toBe('tsx scripts/check.ts');
    expect(scripts.typecheck).toBe('tsx scripts/check.ts --only tsc');
    expect(scripts.lint).toBe('tsx scripts/check.ts --only eslint,prettier');
  });
});
