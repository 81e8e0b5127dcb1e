/**
 * Validates a vendor payload with zod and turns failures into one Chinese error naming the
 * vendor and the first failing field. Vendors that post form fields deliver nested objects as
 * JSON strings, so a string payload is parsed first.
 */
import { z } from 'zod';
import { InvalidVendorPayloadError, type VendorPayloadSubject } from './errors';

const zhCN = z.locales.zhCN().localeError;

/** "缺少必填字段" reads better for staff than zod's "期望 string，实际接收 undefined". */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return '缺少必填字段';
  return zhCN(issue);
};

export function parseVendorPayload<S extends z.ZodType>(schema: S, payload: unknown, vendorName: string, subject: VendorPayloadSubject = '订单'): z.output<S> {
  let input = payload;
  if (typeof payload === 'string') {
    try {
      input = JSON.parse(payload);
    } catch {
      throw new InvalidVendorPayloadError(vendorName, [{ path: '(root)', message: '不是合法的 JSON' }], subject);
    }
  }
  const result = schema.safeParse(input, { error: errorMap });
  if (!result.success) throw InvalidVendorPayloadError.fromZod(vendorName, result.error, subject);
  return result.data;
}
