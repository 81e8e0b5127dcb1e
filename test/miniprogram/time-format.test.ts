/**
 * @jest-environment node
 *
 * Every time a page shows goes through utils/format.ts `formatDateTime` (Asia/Shanghai whatever
 * the phone's zone; see ordering/time-zone.test.ts): no other mini-program source reads a Date in
 * the device's local time or formats one with the device's locale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MINIPROGRAM_ROOT } from '../../scripts/miniprogram-graph';

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'miniprogram_npm' || entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });

const sources = walk(MINIPROGRAM_ROOT)
  .filter((path) => /\.(ts|wxml|wxs)$/.test(path))
  .map((path) => relative(MINIPROGRAM_ROOT, path).split('\\').join('/'))
  .filter((path) => path !== 'utils/format.ts');

const LOCAL_TIME =
  /\.(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getSeconds|getTimezoneOffset|toLocaleString|toLocaleDateString|toLocaleTimeString|toDateString|toTimeString)\(|Intl\.DateTimeFormat/;

describe('one time formatter', () => {
  it.each(sources)('%s reads no Date in the device zone', (file) => {
    const source = readFileSync(join(MINIPROGRAM_ROOT, file), 'utf8');
    expect(source.match(LOCAL_TIME)?.[0] ?? null).toBeNull();
  });
});
