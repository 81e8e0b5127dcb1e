/**
 * Bundles each cloud function into a deployable folder build/functions/<name>/ holding
 * exactly index.js (exports main), package.json (wx-server-sdk only) and config.json —
 * what WeChat DevTools upload and `tcb fn deploy` expect. Shared code is bundled in.
 *
 * Bundles are minified (smaller upload, less to parse on a cold start). The source map goes to
 * build/sourcemaps/<name>/index.js.map, outside the upload folder: CloudBase does not read it,
 * and shipping it would double the upload. index.js links it by a relative URL, so local runs
 * (`node --enable-source-maps`, the emulator, jest) still map stack traces to the TypeScript;
 * in the cloud the link points at nothing and is ignored.
 *
 * `npm run build` prints, per function, the bundle size and the cold `require` time (see
 * scripts/bundle-report.ts; `--runs N` runs per function, `--runs 0` sizes only).
 * `--quiet` (used by test/global-setup.ts) prints nothing and measures nothing.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RUNS, printBundleReport } from './bundle-report';

const root = join(__dirname, '..');
const sourceRoot = join(root, 'cloudfunctions');
export const outputRoot = join(root, 'build', 'functions');
export const sourcemapRoot = join(root, 'build', 'sourcemaps');
const quiet = process.argv.includes('--quiet');
/** `--runs N` cold-require runs per function in the report (0: sizes only). */
function reportRuns(argv: string[]): number {
  const at = argv.indexOf('--runs');
  return at >= 0 ? Number(argv[at + 1]) : DEFAULT_RUNS;
}

export function listFunctions(): string[] {
  return readdirSync(sourceRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(sourceRoot, entry.name, 'config.json')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * `import { z } from 'zod'` binds zod's whole namespace object, which esbuild cannot tree-shake:
 * every function then carried all of zod, its 40+ locales and the JSON-schema tools (≈ 440 KB
 * minified). `import * as z from 'zod'` is the same namespace to the code and the types, but
 * esbuild then keeps only the members that are used (≈ 90 KB). Likewise `z.locales.zhCN()`
 * (a namespace inside the namespace) kept every locale; `zod/locales` imported on its own keeps
 * only the one used. The rewrite is done here, at bundle time, so product files keep the
 * idiomatic import and no new file can bring the weight back. It keeps line numbers (source maps).
 */
const ZOD_NAMED_IMPORT = /^import\s*\{\s*z\s*\}\s*from\s*(['"])zod\1;?/m;
const ZOD_LOCALES_ACCESS = /\bz\.locales\./;

export function treeShakableZod(source: string): string {
  if (!ZOD_NAMED_IMPORT.test(source)) return source;
  const locales = ZOD_LOCALES_ACCESS.test(source);
  const imports = `import * as z from 'zod';${locales ? " import * as zodLocales$ from 'zod/locales';" : ''}`;
  const rewritten = source.replace(ZOD_NAMED_IMPORT, imports);
  return locales ? rewritten.replace(new RegExp(ZOD_LOCALES_ACCESS.source, 'g'), 'zodLocales$.') : rewritten;
}

const zodImports: Plugin = {
  name: 'tree-shakable-zod',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return { contents: treeShakableZod(source), loader: 'ts' };
    });
  },
};

export interface FunctionBundle {
  name: string;
  bytes: number;
  /** npm packages bundled in, with their minified bytes, largest first (from esbuild's metafile). */
  packages: { name: string; bytes: number }[];
}

function bundledPackages(metafile: Metafile): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      if (match) bytes.set(match[1], (bytes.get(match[1]) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytes].map(([name, size]) => ({ name, bytes: size })).sort((a, b) => b.bytes - a.bytes);
}

async function buildFunction(name: string): Promise<FunctionBundle> {
  const outDir = join(outputRoot, name);
  const mapDir = join(sourcemapRoot, name);
  rmSync(outDir, { recursive: true, force: true });
  rmSync(mapDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  mkdirSync(mapDir, { recursive: true });
  const result = await build({
    entryPoints: [join(sourceRoot, name, 'src', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    // the runtime pinned in cloudbaserc.json (Nodejs20.19), the same major the emulator runs on
    target: 'node20',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    // 'external': esbuild makes the map but no link; both are written below, the map outside the upload folder.
    sourcemap: 'external',
    // Chinese messages as UTF-8 (3 bytes a character) instead of \uXXXX escapes (6); Node reads sources as UTF-8
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    write: false,
    plugins: [zodImports],
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (!code || !map) throw new Error(`${name}: esbuild produced no bundle`);
  writeFileSync(join(outDir, 'index.js'), `${code.text}//# sourceMappingURL=../../sourcemaps/${name}/index.js.map\n`);
  writeFileSync(join(mapDir, 'index.js.map'), map.text);
  const sdkVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'wx-server-sdk', 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${sdkVersion}` } }, null, 2)}\n`,
  );
  cpSync(join(sourceRoot, name, 'config.json'), join(outDir, 'config.json'));
  return { name, bytes: statSync(join(outDir, 'index.js')).size, packages: bundledPackages(result.metafile) };
}

export async function buildAllFunctions(print = !quiet): Promise<FunctionBundle[]> {
  const names = listFunctions();
  const sizes = await Promise.all(names.map(buildFunction));
  if (print) {
    for (const { name, bytes } of sizes) console.log(`${name.padEnd(16)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  build/functions/${name}/`);
  }
  return sizes;
}

if (require.main === module) {
  buildAllFunctions(false)
    .then((sizes) => (quiet ? undefined : printBundleReport(outputRoot, sizes, reportRuns(process.argv))))
    .catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
}
