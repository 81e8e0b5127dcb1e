import { z } from 'zod';
import { AppError } from '../../shared/kit/errors';
import { Errors } from './errors';

/**
 * Payment configuration comes from the function's environment variables (console settings in
 * the cloud, `functionEnv` locally) — never from code.
 */
const cloudPaySchema = z.object({
  WXPAY_SUB_MCH_ID: z.string().min(1),
  PAYMENT_CALLBACK_FUNCTION: z.string().min(1).default('payment'),
});

const timingSchema = z.object({
  PAYMENT_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(0).default(5),
  PAYMENT_EXPIRE_MINUTES: z.coerce.number().int().min(1).default(30),
});

export type CloudPayConfig = z.infer<typeof cloudPaySchema>;
// Pay Score's configuration is the kernel's (shared/payscore/config.ts): the cabinet reads it too.
export { payScoreConfig, type PayScoreConfig } from '../../shared/payscore/config';
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
export const timingConfig = (): TimingConfig => load(timingSchema, '对账');
