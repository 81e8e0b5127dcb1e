import { z } from 'zod';

/**
 * Every environment variable (merchant setting, key, secret) a function reads, as one typed
 * schema per function (`cloudfunctions/<fn>/src/configuration.ts`), checked by the kit at cold
 * start: a missing or malformed required variable makes every call of that instance fail with ONE
 * clear Chinese error naming the variables (values are never echoed: they may be secrets).
 * docs/configuration.md is generated from these declarations (npm run docs:config).
 */
export interface ConfigVariable {
  /** validates the raw string; `.optional()` for a variable with a documented default or off switch */
  schema: z.ZodType;
  /** Chinese: what it is and where it comes from */
  description: string;
  /** a key or secret: never logged, masked in docs examples */
  secret?: boolean;
  /** what happens when an optional variable is absent */
  whenAbsent?: string;
}

export interface FunctionConfig {
  variables: Record<string, ConfigVariable>;
}

export function defineConfig<V extends Record<string, ConfigVariable>>(variables: V): FunctionConfig & { variables: V } {
  return { variables };
}

/** Shared pieces of the variables several functions read. */
export const ConfigSchemas = {
  /** a required non-empty string (empty counts as missing: the console keeps empty values) */
  text: () => z.string().trim().min(1),
  /** 32 bytes, base64 */
  masterKey: () =>
    z
      .string()
      .min(1)
      .refine((value) => Buffer.from(value, 'base64').length === 32, { message: '必须是 32 字节的 base64' }),
  /** a PEM whose newlines may be written as \n in the console */
  pem: () =>
    z
      .string()
      .min(1)
      .refine((value) => value.replace(/\\n/g, '\n').includes('-----BEGIN'), { message: '不是 PEM 格式' }),
  url: () => z.url(),
  logLevel: () => z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
};

/** Variables every function may read (logging). */
export const COMMON_VARIABLES = {
  LOG_LEVEL: { schema: ConfigSchemas.logLevel(), description: '日志级别 debug / info / warn / error / silent', whenAbsent: 'info' },
} satisfies Record<string, ConfigVariable>;

export interface ConfigProblem {
  name: string;
  problem: 'missing' | 'invalid';
  /** the schema's message for an invalid value (never the value itself) */
  reason?: string;
}

/** What is wrong with `env` for this function; empty when it can start. */
export function configProblems(config: FunctionConfig, env: Record<string, string | undefined>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, variable] of Object.entries(config.variables)) {
    const raw = env[name];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw;
    const parsed = variable.schema.safeParse(value);
    if (parsed.success) continue;
    problems.push(value === undefined ? { name, problem: 'missing' } : { name, problem: 'invalid', reason: parsed.error.issues[0]?.message });
  }
  return problems;
}

/** The one message: 缺少 A、B；格式不对 C（…）. */
export function describeConfigProblems(fn: string, problems: ConfigProblem[]): string {
  const missing = problems.filter((p) => p.problem === 'missing').map((p) => p.name);
  const invalid = problems.filter((p) => p.problem === 'invalid').map((p) => (p.reason ? `${p.name}（${p.reason}）` : p.name));
  const parts = [missing.length ? `缺少 ${missing.join('、')}` : '', invalid.length ? `格式不对 ${invalid.join('、')}` : ''].filter(Boolean);
  return `云函数 ${fn} 的配置不完整：${parts.join('；')}。请在云函数的环境变量中设置（见 docs/configuration.md）`;
}
