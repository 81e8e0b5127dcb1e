/**
 * Compiles the mini-program with WeChat's own compiler (miniprogram-ci, "extracted from WeChat
 * DevTools"), offline, the way DevTools does before a preview or upload: TypeScript plugin, WXML,
 * WXSS, JSON and miniprogram_npm. A WXML/WXSS/JSON error or a `usingComponents` path that does not
 * resolve fails with WeChat's code, the file and the line. Prints the compiled package sizes.
 *
 *   npm run mp:compile                 # this project
 *   tsx scripts/compile-miniprogram.ts --project <dir> --json
 *
 * Offline: miniprogram-ci's network calls (the project-attribute and file-extension lookups) are
 * replaced below by its own built-in defaults before the package is loaded (see ../shared/FACTS.md).
 */
import { generateKeyPairSync } from 'node:crypto';
import dns from 'node:dns';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CompiledPackage {
  /** '__APP__' for the main package, else the subpackage root, e.g. 'admin' */
  name: string;
  bytes: number;
  files: number;
}

export interface CompileResult {
  ok: boolean;
  packages: CompiledPackage[];
  totalFiles: number;
  /** WeChat's error: code (e.g. 10038 WXML, 10009 component path) and its message with file and line */
  error?: { code: number | string; message: string };
  ms: number;
}

type MiniprogramCi = {
  Project: new (options: Record<string, unknown>) => unknown;
  getCompiledResult(options: { project: unknown; setting: Record<string, unknown> }): Promise<Record<string, string | Buffer>>;
};

let ciModule: MiniprogramCi | undefined;

/**
 * Compiling needs no network; miniprogram-ci still asks WeChat's servers for optional things
 * (attributes, reports) and waits for DNS to give up on a closed network. Name lookups of this
 * process fail at once instead, so a lookup can never stall the compile.
 */
function failNameLookupsFast(): void {
  const refuse = (hostname: string) => Object.assign(new Error(`offline: ${hostname} not looked up`), { code: 'ENOTFOUND', hostname });
  const lookup = ((hostname: string, ...rest: unknown[]) => {
    const callback = rest.pop() as (error: Error) => void;
    process.nextTick(() => callback(refuse(hostname)));
  }) as typeof dns.lookup;
  dns.lookup = lookup;
  dns.promises.lookup = (async (hostname: string) => {
    throw refuse(hostname);
  }) as typeof dns.promises.lookup;
}

function loadCi(): MiniprogramCi {
  if (ciModule) return ciModule;
  failNameLookupsFast();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const projectAttr = require('miniprogram-ci/dist/ci/projectattr') as { getProjectAttr: unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultProjectAttr } = require('miniprogram-ci/dist/config/config') as { DefaultProjectAttr: unknown };
  projectAttr.getProjectAttr = async () => DefaultProjectAttr;
  // The file-extension allowlist lookup fails soft to the built-in lists, but only after DNS gives
  // up (minutes on a closed network): answer with those built-in lists at once.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extList = require('miniprogram-ci/dist/utils/white_ext_list') as {
    getWhiteExtList: unknown;
    MiniProgramWhiteList: string[];
    GameWhiteList: string[];
  };
  extList.getWhiteExtList = async () => ({ GameWhiteList: new Set(extList.GameWhiteList), MiniProgramWhiteList: new Set(extList.MiniProgramWhiteList) });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ciModule = require('miniprogram-ci') as MiniprogramCi;
  return ciModule;
}

export async function compileMiniprogram(projectPath: string, subpackages: string[] = []): Promise<CompileResult> {
  const started = Date.now();
  const ci = loadCi();
  // miniprogram-ci wants a signing key even when nothing is uploaded: a throwaway one.
  const keyDir = mkdtempSync(join(tmpdir(), 'mp-ci-key-'));
  const keyPath = join(keyDir, 'private.key');
  writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
  try {
    const project = new ci.Project({ appid: 'touristappid', type: 'miniProgram', projectPath, privateKeyPath: keyPath, ignores: ['node_modules/**/*'] });
    const output = await ci.getCompiledResult({ project, setting: { useProjectConfig: true } });
    const roots = [...subpackages].sort((a, b) => b.length - a.length);
    const sizes = new Map<string, CompiledPackage>();
    for (const [file, content] of Object.entries(output)) {
      const name = roots.find((root) => file.startsWith(`${root}/`)) ?? '__APP__';
      const entry = sizes.get(name) ?? { name, bytes: 0, files: 0 };
      entry.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
      entry.files += 1;
      sizes.set(name, entry);
    }
    return {
      ok: true,
      packages: [...sizes.values()].sort((a, b) => a.name.localeCompare(b.name)),
      totalFiles: Object.keys(output).length,
      ms: Date.now() - started,
    };
  } catch (error) {
    const e = error as { code?: number | string; message?: string; path?: string; filePath?: string; file?: string };
    if (process.env.MP_COMPILE_DEBUG) console.error(Object.keys(e ?? {}), e);
    const file = e?.path ?? e?.filePath ?? e?.file;
    const message = String(e?.message ?? error);
    return {
      ok: false,
      packages: [],
      totalFiles: 0,
      error: { code: e?.code ?? 'unknown', message: file && !message.includes(file) ? `${file}: ${message}` : message },
      ms: Date.now() - started,
    };
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const projectIndex = args.indexOf('--project');
  const projectPath = resolve(projectIndex >= 0 ? args[projectIndex + 1] : join(__dirname, '..'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const app = require(join(projectPath, 'miniprogram', 'app.json')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
  compileMiniprogram(projectPath, roots).then((result) => {
    if (args.includes('--json')) console.log(JSON.stringify(result));
    else if (result.ok) {
      console.log(`WeChat compiler (miniprogram-ci): ${result.totalFiles} files in ${(result.ms / 1000).toFixed(1)} s`);
      for (const p of result.packages)
        console.log(`  ${p.name === '__APP__' ? '主包' : `分包 ${p.name}`}`.padEnd(16) + `${(p.bytes / 1024).toFixed(1).padStart(8)} KB  ${p.files} files`);
    } else console.error(`WeChat compiler failed (${result.error?.code}): ${result.error?.message}`);
    process.exit(result.ok ? 0 : 1);
  });
}
