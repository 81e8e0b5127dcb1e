import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Configuration the cloud gets from function environment variables (console settings);
 * locally it is generated once per data folder and kept there, so restarts can still
 * decrypt what earlier runs sealed.
 */
export function localFunctionEnv(dataDir: string): Record<string, string> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'function-env.json');
  if (!existsSync(file)) {
    const env = {
      SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
      SECRETS_MASTER_KEY_ID: 'local-1',
    };
    writeFileSync(file, `${JSON.stringify(env, null, 2)}\n`, { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}
