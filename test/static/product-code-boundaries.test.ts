import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../helpers/emulator';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'miniprogram_npm') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|cjs|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const productFiles = sourceFiles(join(PROJECT_ROOT, 'cloudfunctions'));

describe('product code stays emulator-agnostic', () => {
  it('has cloud function sources to check', () => {
    expect(productFiles.length).toBeGreaterThan(10);
  });

  it.each(productFiles.map((f) => [relative(PROJECT_ROOT, f), f]))('%s never imports the emulator or test code', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/from\s+['"][./]*(\.\.\/)+(emulator|test)\//);
    expect(text).not.toMatch(/require\(['"][./]*(\.\.\/)+(emulator|test)\//);
  });

  it.each(productFiles.map((f) => [relative(PROJECT_ROOT, f), f]))('%s does not branch on running locally', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/process\.env\.(IS_LOCAL|LOCAL|EMULATOR\w*|NODE_ENV)\b/);
    expect(text).not.toMatch(/https?:\/\/(127\.0\.0\.1|localhost)/);
  });
});

describe('the runtime the functions are deployed to is the one they are built and emulated for', () => {
  const rc = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: { name: string; runtime?: string }[] };
  const functionDirs = readdirSync(join(PROJECT_ROOT, 'cloudfunctions')).filter(
    (name) => name !== 'shared' && statSync(join(PROJECT_ROOT, 'cloudfunctions', name)).isDirectory(),
  );

  it('deploys every function folder, each pinned to Node.js 20 like the build target and the emulator', () => {
    expect(rc.functions.map((f) => f.name).sort()).toEqual([...functionDirs].sort());
    for (const fn of rc.functions) expect({ name: fn.name, runtime: fn.runtime }).toEqual({ name: fn.name, runtime: 'Nodejs20.19' });
    expect(readFileSync(join(PROJECT_ROOT, 'scripts', 'build-functions.ts'), 'utf8')).toMatch(/target: 'node20'/);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
  });
});
