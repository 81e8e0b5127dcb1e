/**
 * Bundles each cloud function into a deployable folder build/functions/<name>/ holding
 * exactly index.js (exports main), package.json (wx-server-sdk only) and config.json —
 * what WeChat DevTools upload and `tcb fn deploy` expect. Shared code is bundled in.
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const sourceRoot = join(root, 'cloudfunctions');
export const outputRoot = join(root, 'build', 'functions');
const quiet = process.argv.includes('--quiet');

export function listFunctions(): string[] {
  return readdirSync(sourceRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(sourceRoot, entry.name, 'config.json')))
    .map((entry) => entry.name)
    .sort();
}

async function buildFunction(name: string): Promise<number> {
  const outDir = join(outputRoot, name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(sourceRoot, name, 'src', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    // CloudBase runtime Nodejs16.13 is the oldest we support.
    // the runtime pinned in cloudbaserc.json (Nodejs20.19), the same major the emulator runs on
    target: 'node20',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const sdkVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'wx-server-sdk', 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${sdkVersion}` } }, null, 2)}\n`,
  );
  cpSync(join(sourceRoot, name, 'config.json'), join(outDir, 'config.json'));
  return statSync(join(outDir, 'index.js')).size;
}

export async function buildAllFunctions(print = !quiet): Promise<{ name: string; bytes: number }[]> {
  const names = listFunctions();
  const sizes = await Promise.all(names.map(async (name) => ({ name, bytes: await buildFunction(name) })));
  if (print) {
    for (const { name, bytes } of sizes) console.log(`${name.padEnd(16)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  build/functions/${name}/`);
  }
  return sizes;
}

if (require.main === module) {
  buildAllFunctions().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
