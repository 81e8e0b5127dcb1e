/**
 * docs/error-codes.md is generated from the code: CommonErrors plus each function's
 * `src/errors.ts` (`export const Errors`). `--check` fails when the file is stale (CI).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommonErrors, httpStatusOf, type ErrorCodeSpec } from '../cloudfunctions/shared/kit/errors';

const root = join(__dirname, '..');
export const ERROR_DOC_PATH = join(root, 'docs', 'error-codes.md');

interface Row extends ErrorCodeSpec {
  name: string;
  context: string;
}

export function collectErrorCodes(): Row[] {
  const rows: Row[] = Object.entries(CommonErrors).map(([name, spec]) => ({ name, context: '通用', ...spec }));
  const functionsDir = join(root, 'cloudfunctions');
  for (const fn of readdirSync(functionsDir).sort()) {
    const file = join(functionsDir, fn, 'src', 'errors.ts');
    if (!existsSync(file)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Errors } = require(file) as { Errors?: Record<string, ErrorCodeSpec> };
    for (const [name, spec] of Object.entries(Errors ?? {})) rows.push({ name, context: fn, ...spec });
  }
  return rows.sort((a, b) => a.code - b.code);
}

export function renderErrorDoc(rows: Row[]): string {
  const duplicates = rows.filter((row, i) => rows.findIndex((r) => r.code === row.code) !== i);
  if (duplicates.length) throw new Error(`duplicate error codes: ${duplicates.map((d) => `${d.code} (${d.context}.${d.name})`).join(', ')}`);
  const lines = [
    '# 错误码表',
    '',
    '> 本文件由 `npm run docs:errors` 从代码生成（`cloudfunctions/shared/kit/errors.ts` 与各云函数的 `src/errors.ts`），请勿手工修改。',
    '',
    '所有云函数（callFunction 与 HTTP 访问）统一返回 `{ code, message, data }`：`code` 为 0 表示成功；非 0 时 `data` 为 `null`，',
    '校验错误在 `details.field` 给出第一个失败字段路径、`details.issues` 给出全部问题。HTTP 状态码由错误码前三位决定（40001 → 400）。',
    '',
    '| 错误码 | HTTP | 模块 | 名称 | 提示信息 | 说明 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.code} | ${httpStatusOf(r.code)} | ${r.context} | ${r.name} | ${r.message} | ${r.description} |`),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const text = renderErrorDoc(collectErrorCodes());
  if (process.argv.includes('--check')) {
    const current = existsSync(ERROR_DOC_PATH) ? readFileSync(ERROR_DOC_PATH, 'utf8') : '';
    if (current !== text) {
      console.error('docs/error-codes.md is stale: run npm run docs:errors');
      process.exit(1);
    }
  } else {
    writeFileSync(ERROR_DOC_PATH, text);
    console.log(`wrote ${ERROR_DOC_PATH}`);
  }
}
