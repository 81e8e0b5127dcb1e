import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';
import type { Emulator } from '../../emulator/types';
import { registryConflicts, SIMULATORS } from '../../emulator/simulators/registry';
import { cloudPay } from '../../emulator/simulators/cloudpay';
import { PROJECT_ROOT } from '../helpers/emulator';

const EMULATOR_ROOT = join(PROJECT_ROOT, 'emulator');
const SOURCE = /\.(ts|cts|mts|js|cjs|mjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.cts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.cts`, `${base}.js`, `${base}.cjs`, join(base, 'index.ts'), join(base, 'index.js')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
}

/** file → the project files it imports (static, type-only, re-exports, dynamic import(), require()). */
function importGraph(files: string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles.filter((i) => i.fileName.startsWith('.')).map((i) => resolveImport(file, i.fileName) ?? resolve(dirname(file), i.fileName));
      return [file, targets];
    }),
  );
}

/** Every import circle (as a path of files), found by depth-first search. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const rel = (file: string) => relative(PROJECT_ROOT, file).split(sep).join('/');

describe('emulator structure', () => {
  const files = sourceFiles(EMULATOR_ROOT);
  const graph = importGraph(files);

  it('has no import circles (type-only imports included)', () => {
    expect(findCycles(graph).map((cycle) => cycle.map(rel).join(' → '))).toEqual([]);
  });

  it('the cycle finder finds a circle when there is one', () => {
    const graphWithCircle = new Map([
      ['server', ['types', 'simulator']],
      ['simulator', ['server']],
      ['types', []],
    ]);
    expect(findCycles(graphWithCircle)).toEqual([['server', 'simulator', 'server']]);
  });

  it('reaches product code (cloudfunctions/, scripts/, anything outside emulator/) only through product-seam.ts', () => {
    const outside = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => !target.startsWith(EMULATOR_ROOT + sep)).map((target) => `${rel(file)} → ${rel(target)}`),
    );
    expect(outside.filter((edge) => !edge.startsWith('emulator/product-seam.ts → '))).toEqual([]);
    expect(outside.length).toBeGreaterThan(0);
  });

  it('types.ts is a leaf: type-only imports of modules that import none of the server, endpoints or simulators', () => {
    const text = readFileSync(join(EMULATOR_ROOT, 'types.ts'), 'utf8');
    const statements = text.match(/^(import|export)\b[^;]*\bfrom\s+'[^']+'/gm) ?? [];
    expect(statements.filter((s) => !/^(import|export) type\b/.test(s))).toEqual([]);
    const reachable = new Set<string>();
    const walk = (file: string) => {
      for (const next of graph.get(file) ?? []) {
        if (reachable.has(next)) continue;
        reachable.add(next);
        walk(next);
      }
    };
    walk(join(EMULATOR_ROOT, 'types.ts'));
    const forbidden = [...reachable].map(rel).filter((f) => /^emulator\/(server|cli|http\/|simulators\/|wechat\/|seed\/)/.test(f));
    expect(forbidden).toEqual([]);
  });
});

describe('simulator registration table', () => {
  it('rows share no name, /admin action, control prefix or CLI verb, and leave the emulator its own', () => {
    expect(registryConflicts()).toEqual([]);
    expect(SIMULATORS.map((s) => s.name)).toEqual(['wxpay', 'payscore', 'openapi', 'pos', 'printer']);
    expect(SIMULATORS.flatMap((s) => Object.keys(s.adminActions ?? {})).sort()).toEqual(['wx.openApi', 'wx.wxPayApi']);
  });

  it('reports a second row that claims what a first row has', () => {
    const copy = { ...cloudPay, name: 'wxpay-copy' };
    const squatter = { name: 'squatter', summary: '', controlRoutes: [{ prefix: '/_emulator/stats/', summary: '', handle: async () => undefined }] };
    expect(registryConflicts([cloudPay, copy, squatter])).toEqual([
      'admin action wx.wxPayApi: wxpay and wxpay-copy',
      'control prefix /_emulator/wxpay/: wxpay and wxpay-copy',
      'CLI verb pay: wxpay and wxpay-copy',
      'CLI verb refund: wxpay and wxpay-copy',
      "control prefix /_emulator/stats/ of squatter: the emulator's /_emulator/stats",
    ]);
  });

  it('each fault hook a row names is a method of its simulator', () => {
    const emulator = { dataDir: mkdtempSync(join(tmpdir(), 'emu-structure-')) } as Emulator;
    for (const simulator of SIMULATORS.filter((s) => s.faults)) {
      const instance = simulator.instance?.(emulator) as Record<string, unknown> | undefined;
      for (const hook of Object.keys(simulator.faults ?? {}))
        expect([simulator.name, hook, typeof instance?.[hook]]).toEqual([simulator.name, hook, 'function']);
    }
  });
});
