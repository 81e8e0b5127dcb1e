/**
 * Adapter errors. A malformed vendor payload is the caller's fault (400, code 40001 with the
 * failing field), so it extends the kit's AppError; a missing vendor setting is our
 * configuration's fault and is a plain Error for the logs.
 */
import type { z } from 'zod';
import { AppError, CommonErrors } from '../../../shared/kit/errors';
import { formatPath } from '../../../shared/kit/validation';

/** what the payload was meant to be, for the message: 订单 or 菜单 */
export type VendorPayloadSubject = '订单' | '菜单';

export class InvalidVendorPayloadError extends AppError {
  constructor(vendorName: string, issues: { path: string; message: string }[], subject: VendorPayloadSubject = '订单') {
    const first = issues[0];
    super(CommonErrors.VALIDATION_FAILED, {
      message: first ? `${vendorName}${subject}数据格式错误: ${first.path} ${first.message}` : `${vendorName}${subject}数据格式错误`,
      details: { field: first?.path, issues },
    });
    this.name = 'InvalidVendorPayloadError';
  }

  static fromZod(vendorName: string, error: z.ZodError, subject: VendorPayloadSubject = '订单'): InvalidVendorPayloadError {
    return new InvalidVendorPayloadError(
      vendorName,
      error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
      subject,
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
