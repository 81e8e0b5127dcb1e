// Mirrors WeChat DevTools "构建 npm": copies each miniprogram dependency's
// `miniprogram_dist` into miniprogram/miniprogram_npm/<name> byte for byte.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const miniprogramDir = join(root, 'miniprogram');
const manifest = JSON.parse(readFileSync(join(miniprogramDir, 'package.json'), 'utf8'));
const require = createRequire(join(root, 'package.json'));
const outDir = join(miniprogramDir, 'miniprogram_npm');

rmSync(outDir, { recursive: true, force: true });
for (const name of Object.keys(manifest.dependencies ?? {})) {
  const pkgDir = dirname(require.resolve(`${name}/package.json`));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const distDir = join(pkgDir, pkg.miniprogram ?? 'miniprogram_dist');
  if (!existsSync(distDir)) throw new Error(`${name} has no miniprogram build at ${distDir}`);
  cpSync(distDir, join(outDir, name), { recursive: true });
  console.log(`miniprogram_npm/${name} <- ${name}@${pkg.version}`);
}
