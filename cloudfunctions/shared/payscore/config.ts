import { z } from 'zod';
import { AppError } from '../kit/errors';
import { PayScoreErrors } from './errors';
import type { PayScoreMode } from './types';

/**
 * Pay Score configuration: the environment of whichever function calls (payment, cabinet) —
 * console settings in the cloud, `functionEnv` locally; never code.
 */
const pem = z
  .string()
  .min(1)
  .transform((value) => value.replace(/\\n/g, '\n'));

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

export const payScoreSchema = z.object({
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
  /**
   * WeChat granted this service id the 免确认 (smart-retail) permission: orders may be created
   * with need_user_confirm:false. Without it every cabinet order is confirmed by the diner.
   */
  WXPAY_PAYSCORE_NO_CONFIRM: flag,
});

export type PayScoreConfig = z.infer<typeof payScoreSchema>;

export function payScoreConfig(env: NodeJS.ProcessEnv = process.env): PayScoreConfig {
  const parsed = payScoreSchema.safeParse(env);
  if (!parsed.success) {
    // Names only: the values may be secrets.
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new AppError(PayScoreErrors.PAYMENT_NOT_CONFIGURED, { message: `微信支付分未配置: ${missing}` });
  }
  return parsed.data;
}

/** Which Pay Score flow the cabinet offers (see PayScoreMode). */
export function payScoreMode(config: PayScoreConfig = payScoreConfig()): PayScoreMode {
  return config.WXPAY_PAYSCORE_NO_CONFIRM ? 'no_confirm' : 'confirm';
}
