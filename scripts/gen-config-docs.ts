/**
 * docs/configuration.md is generated from each function's configuration schema
 * (`cloudfunctions/<fn>/src/configuration.ts`, payment: `src/config.ts`, `export const configuration`):
 * one table of every environment variable, which functions read it, required or its default.
 * `--check` fails when the file is stale (test/docs/configuration.test.ts does the same).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigVariable, FunctionConfig } from '../cloudfunctions/shared/kit/config';

const root = join(__dirname, '..');
export const CONFIG_DOC_PATH = join(root, 'docs', 'configuration.md');

export function collectConfigurations(): { fn: string; config: FunctionConfig }[] {
  const functionsDir = join(root, 'cloudfunctions');
  const found: { fn: string; config: FunctionConfig }[] = [];
  for (const fn of readdirSync(functionsDir).sort()) {
    for (const file of ['configuration.ts', 'config.ts']) {
      const path = join(functionsDir, fn, 'src', file);
      if (!existsSync(path)) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { configuration } = require(path) as { configuration?: FunctionConfig };
      if (configuration) {
        found.push({ fn, config: configuration });
        break;
      }
    }
  }
  return found;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderConfigDoc(configs: { fn: string; config: FunctionConfig }[]): string {
  const byName = new Map<string, { variable: ConfigVariable; fns: string[] }>();
  for (const { fn, config } of configs) {
    for (const [name, variable] of Object.entries(config.variables)) {
      const entry = byName.get(name) ?? { variable, fns: [] };
      entry.fns.push(fn);
      byName.set(name, entry);
    }
  }
  const required = (variable: ConfigVariable) => !variable.schema.safeParse(undefined).success;
  const rows = [...byName.entries()].sort(([a, x], [b, y]) => Number(required(y.variable)) - Number(required(x.variable)) || a.localeCompare(b));
  return [
    '# 配置（环境变量）',
    '',
    '> 本文件由 `npm run docs:config` 从各云函数的配置声明生成（`cloudfunctions/<函数>/src/configuration.ts`，payment 为 `src/config.ts`），请勿手工修改。',
    '',
    '每个云函数在**冷启动后的第一次调用**检查自己声明的全部变量：缺少或格式不对时，这个实例的每次调用都返回 **50002「云函数配置不完整」**，',
    'message 一次列出所有缺少 / 格式不对的变量名（从不回显值），HTTP 访问返回 500。生产环境没有静默默认值：「必需」的变量必须设置；',
    '「可选」的变量不设置时按「不设置时」一列生效。在云开发控制台「云函数 → 函数配置 → 环境变量」或 `cloudbaserc.json` 的 `envVariables` 中设置（见 [deploy.md](deploy.md)）；',
    '本地 `npm start` 由模拟器生成并提供全部变量（主密钥保存在数据目录的 `function-env.json`，微信支付与支付分指向沙箱）。',
    '',
    '| 变量 | 函数 | 必需 | 不设置时 | 说明 |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      ([name, { variable, fns }]) =>
        `| \`${name}\` | ${fns.join('、')} | ${required(variable) ? '必需' : '可选'} | ${required(variable) ? '调用失败（50002）' : cell(variable.whenAbsent ?? '—')} | ${cell(variable.description)}${variable.secret ? '（密钥：只放在环境变量里，不写进代码、日志或文档）' : ''} |`,
    ),
    '',
  ].join('\n');
}

if (require.main === module) {
  const text = renderConfigDoc(collectConfigurations());
  if (process.argv.includes('--check')) {
    if (!existsSync(CONFIG_DOC_PATH) || readFileSync(CONFIG_DOC_PATH, 'utf8') !== text) {
      console.error('docs/configuration.md 已过期：运行 npm run docs:config');
      process.exit(1);
    }
  } else {
    writeFileSync(CONFIG_DOC_PATH, text);
    console.log(`wrote ${CONFIG_DOC_PATH}`);
  }
}
