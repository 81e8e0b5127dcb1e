import { z } from 'zod';
import { COMMON_VARIABLES, ConfigSchemas, defineConfig, type ConfigVariable } from '../../shared/kit/config';
import { AppError } from '../../shared/kit/errors';
import { Errors } from './errors';

/**
 * Payment configuration comes from the function's environment variables (console settings in
 * the cloud, `functionEnv` locally) — never from code. `configuration` declares them all for the
 * kit's cold-start check; the loaders below parse each group where it is used.
 */
const cloudPayVariables = {
  WXPAY_SUB_MCH_ID: { schema: ConfigSchemas.text(), description: '微信支付子商户号（服务商模式下门店收款的商户号），云支付 cloudPay 下单与退款用' },
  PAYMENT_CALLBACK_FUNCTION: {
    schema: z.string().min(1).optional(),
    description: '微信支付回调调用的云函数名',
    whenAbsent: 'payment（本函数）',
  },
} satisfies Record<string, ConfigVariable>;

const timingVariables = {
  PAYMENT_RECONCILE_AFTER_MINUTES: { schema: z.coerce.number().int().min(0).optional(), description: '下单多少分钟后对账定时器开始查单', whenAbsent: '5' },
  PAYMENT_EXPIRE_MINUTES: { schema: z.coerce.number().int().min(1).optional(), description: '未支付的支付单多少分钟后关闭', whenAbsent: '30' },
} satisfies Record<string, ConfigVariable>;

const payScoreVariables = {
  WXPAY_MCHID: { schema: ConfigSchemas.text(), description: '支付分（APIv3）使用的商户号' },
  WXPAY_APPID: { schema: ConfigSchemas.text(), description: '小程序 AppID（支付分订单与调起支付分页面用）' },
  WXPAY_MERCHANT_SERIAL: { schema: ConfigSchemas.text(), description: '商户 API 证书序列号' },
  WXPAY_MERCHANT_PRIVATE_KEY: { schema: ConfigSchemas.pem(), secret: true, description: '商户 API 私钥（apiclient_key.pem 内容，换行可写成 \\n）' },
  WXPAY_APIV3_KEY: { schema: z.string().length(32), secret: true, description: 'APIv3 密钥（32 位），解密支付分回调' },
  WXPAY_APIV2_KEY: { schema: z.string().length(32), secret: true, description: 'APIv2 密钥（32 位），签名 wx.openBusinessView 的 extraData' },
  WXPAY_PLATFORM_SERIAL: { schema: ConfigSchemas.text(), description: '微信支付平台证书（或微信支付公钥 PUB_KEY_ID_…）序列号' },
  WXPAY_PLATFORM_PUBLIC_KEY: { schema: ConfigSchemas.pem(), description: '微信支付平台公钥（PEM），验证回调与应答签名' },
  WXPAY_PAYSCORE_SERVICE_ID: { schema: ConfigSchemas.text(), description: '支付分服务 ID（商户平台开通支付分后获得）' },
  WXPAY_PAYSCORE_NOTIFY_URL: { schema: ConfigSchemas.url(), description: '支付分回调地址：HTTP 访问路由 /v1/payment/payscore/notify 的完整 https 地址' },
  WXPAY_API_BASE_URL: {
    schema: ConfigSchemas.url().optional(),
    description: '微信支付 API 地址（本地模拟器指向沙箱）',
    whenAbsent: 'https://api.mch.weixin.qq.com/',
  },
  WXPAY_PAYSCORE_NO_CONFIRM: {
    schema: z.enum(['true', 'false', '1', '0', '']).optional(),
    description: '该支付分服务 ID 已开通免确认（智慧零售）权限：智能柜订单 need_user_confirm:false；未开通时顾客逐单确认',
    whenAbsent: 'false（逐单确认）',
  },
} satisfies Record<string, ConfigVariable>;

/** Every variable payment reads: the kit checks them all at cold start (docs/configuration.md). */
export const configuration = defineConfig({ ...COMMON_VARIABLES, ...cloudPayVariables, ...payScoreVariables, ...timingVariables });

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
