import { z } from 'zod';
import { POS_VENDORS, WEBHOOK_EVENTS } from '../../domain/integration';
import { isIP } from 'node:net';

/**
 * Outbound targets: absolute https URLs without user info. Our calls carry the API key and a
 * signature, so they never travel in clear text (the adapters refuse http as well).
 */
export const outboundUrl = z
  .string()
  .trim()
  .max(500)
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, '必须是不含账号密码的 https 地址');

export const optionalUrl = z.union([z.literal(''), outboundUrl]);

export const ipWhitelistEntry = z
  .string()
  .trim()
  .refine((entry) => {
    const [base, bits] = entry.split('/');
    if (bits === undefined) return isIP(base) !== 0;
    return isIP(base) === 4 && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
  }, '必须是 IP 地址或 IPv4 CIDR（如 10.0.0.0/24）');

export const integrationId = z.string().trim().min(1).max(64);
export const storeId = z.string().trim().min(1).max(64);

export const integrationSettings = {
  name: z.string().trim().min(1).max(50),
  endpoint: optionalUrl,
  webhookUrl: optionalUrl,
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)]),
  ipWhitelist: z.array(ipWhitelistEntry).max(50),
  rateLimitPerMinute: z.number().int().min(1).max(10_000),
  /** write-only: sealed at rest, never returned (fingerprint only) */
  vendorSecret: z.string().min(8).max(256),
  vendorConfig: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}$/, '参数名只能包含字母、数字、下划线'), z.string().max(500))
    .refine((r) => Object.keys(r).length <= 20, '最多 20 个参数'),
};

export const vendor = z.enum(POS_VENDORS);

export const paging = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
};

/** ISO 8601 instants at the boundary; stored and compared as Date. */
export const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
