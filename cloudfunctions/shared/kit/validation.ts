import { z } from 'zod';
// zod's own Chinese messages for every schema without a message of its own (callers, POS systems
// and pages never see zod's English). One import of one locale, not the locale index.
import { zhCN } from 'zod/locales';
import { AppError, CommonErrors } from './errors';

z.config(zhCN());

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

/** `items 至少一项`, not `items items 至少一项`: a schema message that already names its field says it once. */
export function describeIssue(path: string, message: string): string {
  const field = path.split('.').pop() ?? path;
  return path === '(root)' || message.startsWith(path) || message.startsWith(field) ? message : `${path} ${message}`;
}

export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const first = issues[0];
  return new AppError(CommonErrors.VALIDATION_FAILED, {
    message: first ? `参数校验失败: ${describeIssue(first.path, first.message)}` : CommonErrors.VALIDATION_FAILED.message,
    details: { field: first?.path, issues },
  });
}

/** Parses or throws an AppError carrying the failing field path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
