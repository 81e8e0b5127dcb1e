import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The order kernel owns the `orders` collection: no other product code names it, so nothing but
 * the kernel reads it raw or writes it (contexts use findOrder / txFindOrder / markPaid …).
 */
const root = join(__dirname, '..', '..');
const kernel = join(root, 'shared', 'orders') + sep;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const outsideKernel = sourceFiles(root).filter((file) => !file.startsWith(kernel));

it('has product sources to check', () => {
  expect(outsideKernel.length).toBeGreaterThan(10);
});

it('no product file outside the kernel names the orders collection', () => {
  const offenders = outsideKernel
    .filter((file) => /Collections\.orders\b|collection(<[^>]*>)?\(\s*['"]orders['"]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
  expect(offenders).toEqual([]);
});
