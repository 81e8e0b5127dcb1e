/**
 * zod building blocks shared by the vendor schemas, each converting to the canonical form on
 * the way in (fen, ISO instant, string ids). Custom messages are Chinese; zod's own messages
 * are localised by parseVendorPayload.
 */
import { z } from 'zod';
import { yuanToFen } from '../../../shared/domain/money';
import { isoFromEpochMs, isoFromEpochSeconds, normalizeIso } from './instant';

export const requiredText = z.string().trim().min(1, '不能为空');

/** ids that some vendors send as numbers (e.g. 客如云 shopIdenty) */
export const idText = z.union([requiredText, z.number().int().nonnegative()]).transform(String);

export const positiveQuantity = z.number().positive('数量必须大于 0');

/** yuan as number or string with at most 2 decimals → integer fen; strings avoid float noise upstream */
export const yuanToFenField = z.union([z.number(), z.string()]).transform((yuan, ctx) => {
  try {
    const fen = yuanToFen(yuan);
    if (fen >= 0) return fen;
  } catch {
    // fall through to the issue below
  }
  ctx.issues.push({ code: 'custom', message: '金额必须是最多两位小数的非负数（元）', input: yuan });
  return z.NEVER;
});

export const fenField = z.number().int('金额（分）必须是整数').nonnegative('金额不能为负数');

const epochNumber = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, '时间戳必须是数字').transform(Number)]);

export const epochMsField = epochNumber.transform((ms, ctx) => {
  try {
    return isoFromEpochMs(ms);
  } catch {
    ctx.issues.push({ code: 'custom', message: '毫秒时间戳无效', input: ms });
    return z.NEVER;
  }
});

export const epochSecondsField = epochNumber.transform((seconds, ctx) => {
  try {
    return isoFromEpochSeconds(seconds);
  } catch {
    ctx.issues.push({ code: 'custom', message: '秒级时间戳无效', input: seconds });
    return z.NEVER;
  }
});

export const isoInstantField = z.iso.datetime({ offset: true, error: '时间必须是 ISO 8601 格式' }).transform(normalizeIso);

/** Optional text that is omitted, rather than kept empty, when blank. */
export const optionalText = z
  .union([z.string(), z.number()])
  .optional()
  .nullable()
  .transform((value) => (value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim()));

/** Vendor dish status codes (1 上架 / 0 下架, ASSUMED alike for all three vendors) → canonical status. */
export const dishStatusField = z
  .union([z.literal(1), z.literal(0)], { error: '状态必须是 1（上架）或 0（下架）' })
  .transform((code): 'active' | 'inactive' => (code === 1 ? 'active' : 'inactive'));

export function dishStatusCode(status: 'active' | 'inactive'): 1 | 0 {
  return status === 'active' ? 1 : 0;
}

/** Builds a canonical customer, leaving it out entirely when no field is present. */
export function customerOf(customerId: string | undefined, phone: string | undefined): { customer?: { customerId?: string; phone?: string } } {
  if (customerId === undefined && phone === undefined) return {};
  return { customer: { ...(customerId !== undefined && { customerId }), ...(phone !== undefined && { phone }) } };
}
