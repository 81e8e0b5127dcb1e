import { z } from 'zod';
import { AppError } from '../../shared/kit/errors';
import { Errors } from './errors';

/**
 * Payment configuration comes from the function's environment variables (console settings in
 * the cloud, `functionEnv` locally) — never from code.
 */
const pem = z
  .string()
  .min(1)
  .transform((value) => value.replace(/\\n/g, '\n'));

const cloudPaySchema = z.object({
  WXPAY_SUB_MCH_ID: z.string().min(1),
  PAYMENT_CALLBACK_FUNCTION: z.string().min(1).default('payment'),
});

const timingSchema = z.object({
  PAYMENT_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(0).default(5),
  PAYMENT_EXPIRE_MINUTES: z.coerce.number().int().min(1).default(30),
});

const payScoreSchema = z.object({
  WXPAY_MCHID: z.string().min(1),
  WXPAY_APPID: z.string().min(1),
  WXPAY_MERCHANT_SERIAL: z.string().min(1),
  WXPAY_MERCHANT_PRIVATE_KEY: pem,
  WXPAY_APIV3_KEY: z.string().length(32),
  // wx.openBusinessView's extraData is signed with the APIv2 key (HMAC-SHA256), not the APIv3 one.
  WXPAY_APIV2_KEY: z.string().length(32),
  WXPAY_PLATFORM_SERIAL: z.string().min(1),
  WXPAY_PLATFORM_PUBLIC_KEY: pem,
  WXPAY_PAYSCORE_SERVICE_ID: z.string().min(1),
  WXPAY_PAYSCORE_NOTIFY_URL: z.string().url(),
  WXPAY_API_BASE_URL: z.string().url().default('https://api.mch.weixin.qq.com/'),
});

export type CloudPayConfig = z.infer<typeof cloudPaySchema>;
export type PayScoreConfig = z.infer<typeof payScoreSchema>;
export type TimingConfig = z.infer<typeof timingSchema>;

function load<S extends z.ZodType>(schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    // Names only: the values may be secrets.
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new AppError(Errors.PAYMENT_NOT_CONFIGURED, { message: `${what}未配置: ${missing}` });
  }
  return parsed.data;
}

export const cloudPayConfig = (): CloudPayConfig => load(cloudPaySchema, '微信支付');
export const payScoreConfig = (): PayScoreConfig => load(payScoreSchema, '微信支付分');
export const timingConfig = (): TimingConfig => load(timingSchema, '对账');
