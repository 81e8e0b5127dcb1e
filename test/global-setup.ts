import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Tests run the same bundles we deploy: build them once per jest run. */
export default function globalSetup(): void {
  if (process.env.SKIP_FUNCTION_BUILD) return;
  const root = join(__dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build-functions.ts'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}
