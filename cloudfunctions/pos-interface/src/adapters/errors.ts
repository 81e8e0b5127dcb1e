/**
 * Adapter errors. A malformed vendor payload is the caller's fault (400, code 40001 with the
 * failing field), so it extends the kit's AppError; a missing vendor setting is our
 * configuration's fault and is a plain Error for the logs.
 */
import type { z } from 'zod';
import { AppError, CommonErrors } from '../../../shared/kit/errors';
import { formatPath } from '../../../shared/kit/validation';

export class InvalidVendorPayloadError extends AppError {
  constructor(vendorName: string, issues: { path: string; message: string }[]) {
    const first = issues[0];
    super(CommonErrors.VALIDATION_FAILED, {
      message: first ? `${vendorName}订单数据格式错误: ${first.path} ${first.message}` : `${vendorName}订单数据格式错误`,
      details: { field: first?.path, issues },
    });
    this.name = 'InvalidVendorPayloadError';
  }

  static fromZod(vendorName: string, error: z.ZodError): InvalidVendorPayloadError {
    return new InvalidVendorPayloadError(
      vendorName,
      error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
}

export class AdapterConfigError extends Error {
  constructor(vendorName: string, key: string) {
    super(`${vendorName}接入配置缺少 ${key}`);
    this.name = 'AdapterConfigError';
  }
}

export function requireVendorConfig(config: Readonly<Record<string, string>>, key: string, vendorName: string): string {
  const value = config[key];
  if (typeof value !== 'string' || value.trim() === '') throw new AdapterConfigError(vendorName, key);
  return value;
}
