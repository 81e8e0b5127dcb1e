import { randomBytes } from 'node:crypto';
import type { Wechatpay as WechatpayClass } from 'wechatpay-axios-plugin';
import type { PayScoreExtraData } from '../../../typings/api/payment-views';
import { AppError } from '../kit/errors';
import { payScoreUseExtraData } from './business-view';
import { payScoreConfig, type PayScoreConfig } from './config';
import { PayScoreErrors as Errors } from './errors';

/**
 * Pay Score (微信支付分) over WeChat Pay APIv3 with wechatpay-axios-plugin: requests are signed
 * with the merchant key and every response is verified against the platform key, by the library.
 */
// The package index assigns `module.exports.default` onto a class with a `default` getter, which
// throws once bundled (the bundle is strict mode); the client class itself is all we need.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Wechatpay = require('wechatpay-axios-plugin/lib/wechatpay') as typeof WechatpayClass;

let cached: { key: string; client: ReturnType<typeof build> } | undefined;

function build(config: PayScoreConfig) {
  return new Wechatpay({
    mchid: config.WXPAY_MCHID,
    serial: config.WXPAY_MERCHANT_SERIAL,
    privateKey: config.WXPAY_MERCHANT_PRIVATE_KEY,
    certs: { [config.WXPAY_PLATFORM_SERIAL]: config.WXPAY_PLATFORM_PUBLIC_KEY },
    baseURL: config.WXPAY_API_BASE_URL,
    timeout: 5000,
  } as never);
}

function client(config: PayScoreConfig) {
  const key = `${config.WXPAY_MCHID}|${config.WXPAY_API_BASE_URL}|${config.WXPAY_PLATFORM_SERIAL}`;
  if (cached?.key !== key) cached = { key, client: build(config) };
  return cached.client;
}

type Chain = Record<string, unknown> & {
  get(config?: unknown): Promise<{ data: Record<string, unknown> }>;
  post(data?: unknown, config?: unknown): Promise<{ data: Record<string, unknown> }>;
};

async function send<T>(what: string, run: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await run()).data;
  } catch (error) {
    const response = (error as { response?: { status?: number; data?: { code?: string; message?: string } } }).response;
    throw new AppError(Errors.PAYSCORE_REQUEST_FAILED, {
      message: `微信支付分${what}失败${response?.data?.message ? `: ${response.data.message}` : ''}`,
      details: { status: response?.status, upstreamCode: response?.data?.code ?? (error as { code?: string }).code },
    });
  }
}

function payscore(): { config: PayScoreConfig; root: Record<string, Chain> } {
  const config = payScoreConfig();
  const wxpay = client(config) as unknown as { v3: { payscore: Record<string, Chain> } };
  return { config, root: wxpay.v3.payscore };
}

function serviceOrder(): { config: PayScoreConfig; root: Chain } {
  const { config, root } = payscore();
  return { config, root: root.serviceorder };
}

export interface CreateServiceOrderInput {
  outOrderNo: string;
  openid: string;
  serviceIntroduction: string;
  riskAmountFen: number;
  /** false: smart retail (免确认), DOING at once — only for service ids WeChat granted it */
  needUserConfirm?: boolean;
}

/** Creates a "先享后付" service order; `package` goes to wx.openBusinessView. */
export async function createServiceOrder(input: CreateServiceOrderInput): Promise<{ package: string; state: string; orderId?: string }> {
  const { config, root } = serviceOrder();
  const data = await send<Record<string, unknown>>('创建订单', () =>
    root.post({
      out_order_no: input.outOrderNo,
      appid: config.WXPAY_APPID,
      service_id: config.WXPAY_PAYSCORE_SERVICE_ID,
      service_introduction: input.serviceIntroduction.slice(0, 20),
      time_range: { start_time: 'OnAccept' },
      risk_fund: { name: 'ESTIMATE_ORDER_COST', amount: input.riskAmountFen },
      notify_url: config.WXPAY_PAYSCORE_NOTIFY_URL,
      openid: input.openid,
      need_user_confirm: input.needUserConfirm ?? true,
    }),
  );
  return { package: String(data.package ?? ''), state: String(data.state ?? ''), orderId: data.order_id as string | undefined };
}

/**
 * The signed extraData for `wx.openBusinessView({businessType: 'wxpayScoreUse'})`: a fresh
 * timestamp and nonce each time, signed with the merchant's APIv2 key from configuration.
 */
export function businessViewExtraData(pkg: string, now = new Date()): PayScoreExtraData {
  const config = payScoreConfig();
  return payScoreUseExtraData(
    { mchId: config.WXPAY_MCHID, package: pkg, timestamp: String(Math.floor(now.getTime() / 1000)), nonceStr: randomBytes(16).toString('hex') },
    config.WXPAY_APIV2_KEY,
  );
}

export interface PostPayment {
  name: string;
  amount: number;
  description?: string;
  count?: number;
}

export interface PostDiscount {
  name: string;
  description: string;
  amount: number;
}

/**
 * Ends the service with the real charges and the member discount; WeChat then deducts
 * total_amount (= Σ post_payments − Σ post_discounts) and notifies USER_PAID.
 */
export async function completeServiceOrder(
  outOrderNo: string,
  postPayments: PostPayment[],
  postDiscounts: PostDiscount[],
  totalAmountFen: number,
): Promise<{ state: string }> {
  const { config, root } = serviceOrder();
  const chain = root.$out_order_no$ as Record<string, Chain>;
  const data = await send<Record<string, unknown>>('完结订单', () =>
    chain.complete.post(
      {
        appid: config.WXPAY_APPID,
        service_id: config.WXPAY_PAYSCORE_SERVICE_ID,
        post_payments: postPayments,
        ...(postDiscounts.length ? { post_discounts: postDiscounts } : {}),
        total_amount: totalAmountFen,
        time_range: { end_time: timeRangeNow() },
      },
      { out_order_no: outOrderNo },
    ),
  );
  return { state: String(data.state ?? '') };
}

export async function cancelServiceOrder(outOrderNo: string, reason: string): Promise<{ state: string }> {
  const { config, root } = serviceOrder();
  const chain = root.$out_order_no$ as Record<string, Chain>;
  const data = await send<Record<string, unknown>>('取消订单', () =>
    chain.cancel.post({ appid: config.WXPAY_APPID, service_id: config.WXPAY_PAYSCORE_SERVICE_ID, reason: reason.slice(0, 50) }, { out_order_no: outOrderNo }),
  );
  return { state: String(data.state ?? '') };
}

export async function queryServiceOrder(outOrderNo: string): Promise<Record<string, unknown>> {
  const { config, root } = serviceOrder();
  return send<Record<string, unknown>>('查询订单', () =>
    root.get({ params: { out_order_no: outOrderNo, service_id: config.WXPAY_PAYSCORE_SERVICE_ID, appid: config.WXPAY_APPID } }),
  );
}

/** WeChat has no service order under this number (HTTP 404 / ORDER_NOT_EXIST). */
function isOrderNotExist(error: unknown): boolean {
  const details = error instanceof AppError ? error.details : undefined;
  return details?.status === 404 || details?.upstreamCode === 'ORDER_NOT_EXIST';
}

/** The service order, or null when WeChat has none under this number (one may still be being created). */
export async function findServiceOrder(outOrderNo: string): Promise<Record<string, unknown> | null> {
  try {
    return await queryServiceOrder(outOrderNo);
  } catch (error) {
    if (isOrderNotExist(error)) return null;
    throw error;
  }
}

/**
 * Makes sure a service order can no longer charge the diner: cancels it, or finds it already
 * ended without charging. 'done' = WeChat completed it (a charge is coming: nothing may be
 * abandoned); 'not_found' = WeChat has none under this number, which proves nothing while a
 * create call may be in flight. WeChat refuses to cancel a DONE order, so the state is asked
 * after a refused cancel.
 */
export async function endServiceOrder(outOrderNo: string, reason: string): Promise<'cancelled' | 'done' | 'not_found'> {
  try {
    await cancelServiceOrder(outOrderNo, reason);
    return 'cancelled';
  } catch (error) {
    if (isOrderNotExist(error)) return 'not_found';
    const remote = await findServiceOrder(outOrderNo);
    if (!remote) return 'not_found';
    if (remote.state === 'DONE') return 'done';
    if (remote.state === 'REVOKED' || remote.state === 'EXPIRED') return 'cancelled';
    throw error;
  }
}

/**
 * One-time authorization (smart retail): WeChat answers apply_permissions_token, which the Pay
 * Score mini-program (pages/use/enable) takes in extraData.
 */
export async function applyPermissions(authorizationCode: string): Promise<{ applyPermissionsToken: string }> {
  const { config, root } = payscore();
  const data = await send<Record<string, unknown>>('授权', () =>
    root.permissions.post({
      service_id: config.WXPAY_PAYSCORE_SERVICE_ID,
      appid: config.WXPAY_APPID,
      authorization_code: authorizationCode,
      notify_url: config.WXPAY_PAYSCORE_NOTIFY_URL,
    }),
  );
  return { applyPermissionsToken: String(data.apply_permissions_token ?? '') };
}

/** `GET /v3/payscore/permissions/openid/{openid}`: AVAILABLE / UNAVAILABLE / UNBINDUSER (never opened). */
export async function queryPermissionsByOpenid(openid: string): Promise<Record<string, unknown>> {
  const { config, root } = payscore();
  const chain = (root.permissions as Record<string, unknown>).openid as Record<string, Chain>;
  return send<Record<string, unknown>>('查询授权', () =>
    chain.$openid$.get({ params: { service_id: config.WXPAY_PAYSCORE_SERVICE_ID, appid: config.WXPAY_APPID }, openid }),
  );
}

/** Pay Score times are yyyyMMddHHmmss in Beijing time. */
function timeRangeNow(now = new Date()): string {
  const shifted = new Date(now.getTime() + 8 * 3600 * 1000).toISOString();
  return shifted.slice(0, 19).replace(/[-T:]/g, '');
}
