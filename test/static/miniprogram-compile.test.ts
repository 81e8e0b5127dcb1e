import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import type { CompileResult } from '../../scripts/compile-miniprogram';
import { PROJECT_ROOT } from '../helpers/emulator';

/**
 * The mini-program compiled by WeChat's own compiler (miniprogram-ci), as DevTools compiles it
 * before a preview: our static tests are our reading of the rules, this is WeChat's.
 */
const app = JSON.parse(readFileSync(join(PROJECT_ROOT, 'miniprogram', 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
const subpackages = (app.subPackages ?? []).map((p) => p.root.replace(/\/+$/, ''));

/** In a child process: miniprogram-ci leaves worker processes and handles behind until its process exits. */
function compileMiniprogram(projectPath: string): Promise<CompileResult> {
  const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const script = join(PROJECT_ROOT, 'scripts', 'compile-miniprogram.ts');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tsx, script, '--project', projectPath, '--json'], { maxBuffer: 16 * 1024 * 1024, timeout: 280_000 }, (error, stdout) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{"ok"'));
      if (line) resolve(JSON.parse(line) as CompileResult);
      else reject(error ?? new Error('no result from scripts/compile-miniprogram.ts'));
    });
  });
}

function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mp-compile-'));
  cpSync(join(PROJECT_ROOT, 'project.config.json'), join(dir, 'project.config.json'));
  cpSync(join(PROJECT_ROOT, 'miniprogram'), join(dir, 'miniprogram'), { recursive: true, filter: (src) => !src.includes('node_modules') });
  cpSync(join(PROJECT_ROOT, 'typings'), join(dir, 'typings'), { recursive: true });
  return dir;
}

describe("WeChat's compiler (miniprogram-ci, offline)", () => {
  it('compiles the mini-program and reports the package sizes within the budgets', async () => {
    const result = await compileMiniprogram(PROJECT_ROOT);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    const main = result.packages.find((p) => p.name === '__APP__')!;
    expect(main.bytes).toBeGreaterThan(100 * 1024);
    expect(main.bytes).toBeLessThan(1.5 * 1024 * 1024); // WeChat's main-package limit used as our budget (docs/miniprogram.md)
    for (const root of subpackages) expect(result.packages.find((p) => p.name === root)?.files).toBeGreaterThan(0);
  }, 300_000);

  it('fails on a WXML syntax error with the file and line', async () => {
    const dir = projectCopy();
    try {
      const page = join(dir, 'miniprogram', 'pages', 'home', 'index', 'index.wxml');
      writeFileSync(page, `${readFileSync(page, 'utf8')}\n<view class="broken">\n<text>{{ unclosed </view>\n`);
      const result = await compileMiniprogram(dir);
      expect(result.ok).toBe(false);
      expect(result.error?.message).toContain('pages/home/index/index.wxml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('fails on a usingComponents path that does not resolve, naming it', async () => {
    const dir = projectCopy();
    try {
      const json = join(dir, 'miniprogram', 'pages', 'home', 'index', 'index.json');
      const config = JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> };
      config.usingComponents = { ...config.usingComponents, 'no-such-thing': '/components/no-such-thing/index' };
      writeFileSync(json, JSON.stringify(config));
      const result = await compileMiniprogram(dir);
      expect(result.ok).toBe(false);
      expect(result.error?.message).toContain('no-such-thing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
