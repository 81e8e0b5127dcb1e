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
