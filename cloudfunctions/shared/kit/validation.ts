import type { z } from 'zod';
import { AppError, CommonErrors } from './errors';

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const first = issues[0];
  return new AppError(CommonErrors.VALIDATION_FAILED, {
    message: first ? `参数校验失败: ${first.path} ${first.message}` : CommonErrors.VALIDATION_FAILED.message,
    details: { field: first?.path, issues },
  });
}

/** Parses or throws an AppError carrying the failing field path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
