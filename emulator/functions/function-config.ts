import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a CloudBase function `config.json` the emulator honours. */
export interface FunctionConfig {
  name: string;
  dir: string;
  bundlePath: string;
  /** seconds; CloudBase default 3, max 60 (900 for async) */
  timeout: number;
  memorySize: number;
  envVariables: Record<string, string>;
  triggers: { name: string; type: 'timer'; config: string }[];
}

export function readFunctionConfigs(functionsRoot: string): FunctionConfig[] {
  if (!existsSync(functionsRoot)) return [];
  return readdirSync(functionsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(functionsRoot, entry.name, 'index.js')))
    .map((entry) => {
      const dir = join(functionsRoot, entry.name);
      const configPath = join(dir, 'config.json');
      const raw = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>) : {};
      return {
        name: entry.name,
        dir,
        bundlePath: join(dir, 'index.js'),
        timeout: typeof raw.timeout === 'number' ? raw.timeout : 3,
        memorySize: typeof raw.memorySize === 'number' ? raw.memorySize : 256,
        envVariables: (raw.envVariables as Record<string, string>) ?? {},
        triggers: ((raw.triggers as FunctionConfig['triggers']) ?? []).filter((t) => t.type === 'timer'),
      };
    });
}
