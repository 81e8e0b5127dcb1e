import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../helpers/emulator';

/**
 * The mini-program reaches a function only through the typed client derived from the contracts
 * (`api.<context>.<action>(input)`, miniprogram/services/api.ts): no action name is written as a
 * string outside its contract, and no reply type is picked freely at a call site.
 */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'miniprogram_npm') return [];
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const TRANSPORT = ['services/transport.ts', 'services/api.ts'];

describe('mini-program calls go through the contract client', () => {
  const files = tsFiles(join(PROJECT_ROOT, 'miniprogram')).map((file) => ({ file, name: relative(join(PROJECT_ROOT, 'miniprogram'), file) }));

  it('has services to check', () => {
    expect(files.filter((f) => f.name.startsWith('services/') || f.name.startsWith('admin/services/')).length).toBeGreaterThanOrEqual(5);
  });

  it('only the transport and the contract client call callFunction', () => {
    const callers = files.filter(({ file, name }) => !TRANSPORT.includes(name) && /\bcallFunction\s*[<(]/.test(readFileSync(file, 'utf8'))).map((f) => f.name);
    expect(callers).toEqual([]);
  });

  it('every service of a context uses api.<context>', () => {
    const services = files.filter(({ name }) => /^(admin\/)?services\/[a-z-]+\.ts$/.test(name) && !TRANSPORT.includes(name) && name !== 'services/errors.ts');
    const without = services.filter(({ file }) => !/\bapi\.[a-zA-Z]+\b/.test(readFileSync(file, 'utf8'))).map((f) => f.name);
    expect(without).toEqual([]);
  });
});
