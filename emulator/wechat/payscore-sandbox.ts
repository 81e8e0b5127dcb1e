import { createVerify, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../types';
import { buildNotification, hmacSignFields, loadSandboxKeys, platformSign, SANDBOX_PREFIX, type SandboxKeys } from './payscore-keys';
import { SandboxPermissions, type PermissionNotice } from './payscore-permissions';

// The keys a test harness configures the payment function with, next to the sandbox it drives.
export { loadSandboxKeys, sandboxFunctionEnv, type SandboxKeys } from './payscore-keys';

interface ServiceOrder {
  appid: string;
  mchid: string;
  out_order_no: string;
  service_id: string;
  service_introduction: string;
  state: 'CREATED' | 'DOING' | 'DONE' | 'REVOKED' | 'EXPIRED';
  state_description?: string;
  risk_fund: { name: string; amount: number };
  time_range: Record<string, string>;
  notify_url: string;
  openid: string;
  order_id: string;
  total_amount?: number;
  post_payments?: { name: string; amount: number; count?: number }[];
  post_discounts?: { name: string; description?: string; amount: number }[];
  collection?: {
    state: string;
    total_amount: number;
    paying_amount: number;
    paid_amount: number;
    details: { seq: number; amount: number; paid_type: string; paid_time: string; transaction_id: string }[];
  };
  need_collection: boolean;
  /** false: smart retail (免确认), DOING from creation */
  need_user_confirm: boolean;
}

export interface SandboxOptions {
  /** deduct and notify USER_PAID after complete (the user's card is charged) */
  autoCollect: boolean;
  /** how long after complete the deduction happens (WeChat deducts asynchronously) */
  collectDelayMs: number;
  maxNotifyAttempts: number;
  /** the sandbox's service id has WeChat's 免确认 permission (need_user_confirm:false allowed) */
  noConfirmPermission: boolean;
  /** every notification waits this long before it is sent (WeChat's are asynchronous) */
  notifyDelayMs: number;
}

/** Faults the next calls meet (set through `fault()` / POST /_emulator/wxpay/payscore/fault). */
export interface SandboxFaults {
  /** the next /complete answers this error without completing */
  failNextComplete?: { status: number; code: string; message?: string };
  /** the next N notifications are each delivered twice (same id, as WeChat's resends are) */
  duplicateNotifications?: number;
}

export type ConfirmResult = { ok: true; outOrderNo: string; state: string } | { ok: false; code: string; message: string };

/**
 * A local WeChat Pay APIv3 endpoint for Pay Score (微信支付分). It checks the merchant's
 * `Authorization` signature, signs every response with a locally generated platform key, and sends
 * real-format notifications (RSA-SHA256 signed, AEAD_AES_256_GCM encrypted with the local APIv3
 * key) to the order's notify_url — so the production verification code runs unchanged. Its keys and
 * cryptography are payscore-keys.ts; its registration (control routes, function env) is
 * simulators/payscore.ts.
 */
export class PayScoreSandbox {
  readonly keys: SandboxKeys;
  readonly options: SandboxOptions = { autoCollect: true, collectDelayMs: 100, maxNotifyAttempts: 3, noConfirmPermission: true, notifyDelayMs: 0 };
  readonly faults: SandboxFaults = {};
  readonly permissions: SandboxPermissions;
  private readonly orders = new Map<string, ServiceOrder>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** notifications delivered (status code per attempt), for tests and the CLI */
  readonly deliveries: { outOrderNo: string; eventType: string; status: number }[] = [];

  constructor(private readonly emulator: Emulator) {
    this.keys = loadSandboxKeys(emulator.dataDir);
    this.permissions = new SandboxPermissions(
      { mchid: this.keys.mchid, appid: this.keys.appid, serviceId: this.keys.serviceId },
      () => `${emulator.url}/v1/payment/payscore/notify`,
    );
  }

  /** Fault injection (tests, CLI): fail the next completion, delay or duplicate notifications. */
  fault(input: {
    failNextComplete?: SandboxFaults['failNextComplete'] | null;
    notifyDelayMs?: number;
    duplicateNotifications?: number;
  }): SandboxFaults & { notifyDelayMs: number } {
    if (input.failNextComplete !== undefined) this.faults.failNextComplete = input.failNextComplete ?? undefined;
    if (input.duplicateNotifications !== undefined) this.faults.duplicateNotifications = Math.max(0, Math.floor(input.duplicateNotifications));
    if (input.notifyDelayMs !== undefined) this.options.notifyDelayMs = Math.max(0, Math.floor(input.notifyDelayMs));
    return { ...this.faults, notifyDelayMs: this.options.notifyDelayMs };
  }

  /** The diner opens Pay Score in its mini-program (pages/use/enable) → USER_OPEN_SERVICE. */
  openService(openid: string, token?: string): Promise<number> {
    return this.sendPermissionNotice(this.permissions.open(openid, token));
  }

  /** The diner closes Pay Score for this merchant → USER_CLOSE_SERVICE. */
  closeService(openid: string): Promise<number> {
    return this.sendPermissionNotice(this.permissions.close(openid));
  }

  private sendPermissionNotice(notice: PermissionNotice | { error: string }): Promise<number> {
    if ('error' in notice) return Promise.reject(Object.assign(new Error(notice.error), { status: 400 }));
    return this.notify({ notifyUrl: notice.notifyUrl, key: String(notice.resource.openid) }, notice.eventType, notice.resource);
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  get(outOrderNo: string): ServiceOrder | undefined {
    return this.orders.get(outOrderNo);
  }

  /** Serves `${SANDBOX_PREFIX}/v3/payscore/...`. */
  async handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = (req.method ?? 'GET').toUpperCase();
    const auth = this.checkAuthorization(String(req.headers.authorization ?? ''), method, url.pathname + url.search, raw);
    if (auth) return this.reply(res, 401, { code: 'SIGN_ERROR', message: auth });
    const path = url.pathname.slice(SANDBOX_PREFIX.length);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return this.reply(res, 400, { code: 'PARAM_ERROR', message: '请求体不是合法的 JSON' });
    }
    if (path === '/v3/payscore/serviceorder' && method === 'POST') return this.create(res, body);
    if (path === '/v3/payscore/permissions' && method === 'POST') {
      const applied = this.permissions.apply(body);
      return applied.ok
        ? this.reply(res, 200, { apply_permissions_token: applied.token })
        : this.reply(res, 400, { code: applied.code, message: applied.message });
    }
    const permission = /^\/v3\/payscore\/permissions\/openid\/([^/]+)$/.exec(path);
    if (permission && method === 'GET') {
      if (url.searchParams.get('service_id') !== this.keys.serviceId) return this.reply(res, 400, { code: 'INVALID_REQUEST', message: '服务ID不存在' });
      return this.reply(res, 200, this.permissions.query(decodeURIComponent(permission[1])));
    }
    if (path === '/v3/payscore/serviceorder' && method === 'GET') {
      const order = this.orders.get(url.searchParams.get('out_order_no') ?? '');
      return order ? this.reply(res, 200, order) : this.reply(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    }
    const m = /^\/v3\/payscore\/serviceorder\/([^/]+)\/(complete|cancel)$/.exec(path);
    if (m && method === 'POST') {
      const order = this.orders.get(decodeURIComponent(m[1]));
      if (!order) return this.reply(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      return m[2] === 'complete' ? this.complete(res, order, body) : this.cancel(res, order);
    }
    return this.reply(res, 404, { code: 'NOT_FOUND', message: `本地沙箱未实现 ${method} ${path}` });
  }

  private checkAuthorization(header: string, method: string, uri: string, body: string): string | null {
    const m = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(header);
    if (!m) return 'Authorization 缺失或格式错误';
    const fields = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (fields.mchid !== this.keys.mchid) return '商户号不匹配';
    if (fields.serial_no !== this.keys.merchantSerial) return '商户证书序列号不匹配';
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300) return '时间戳超出允许范围';
    const message = `${method}\n${uri}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    const valid = createVerify('RSA-SHA256')
      .update(message)
      .verify(this.keys.merchantPublicKey, fields.signature ?? '', 'base64');
    return valid ? null : '签名错误';
  }

  private create(res: ServerResponse, body: Record<string, unknown>) {
    const outOrderNo = String(body.out_order_no ?? '');
    const risk = body.risk_fund as { name?: string; amount?: number } | undefined;
    if (!outOrderNo || !body.service_id || !body.notify_url || !risk?.amount)
      return this.reply(res, 400, { code: 'PARAM_ERROR', message: '缺少 out_order_no/service_id/risk_fund/notify_url' });
    if (body.service_id !== this.keys.serviceId) return this.reply(res, 400, { code: 'INVALID_REQUEST', message: '服务ID不存在' });
    const needUserConfirm = body.need_user_confirm !== false;
    const openid = String(body.openid ?? '');
    if (!needUserConfirm) {
      if (!this.options.noConfirmPermission) return this.reply(res, 403, { code: 'NO_AUTH', message: '商户服务ID未开通免确认模式权限' });
      if (!openid) return this.reply(res, 400, { code: 'PARAM_ERROR', message: '免确认模式须传 openid' });
      if (!this.permissions.isAvailable(openid)) return this.reply(res, 400, { code: 'USER_NOT_AUTHORIZED', message: '用户未授权开通该支付分服务' });
    }
    const existing = this.orders.get(outOrderNo);
    // Re-sending the same order is idempotent (WeChat answers the order as it is).
    if (existing) return this.reply(res, 200, this.createReply(existing));
    const order: ServiceOrder = {
      appid: String(body.appid ?? this.keys.appid),
      mchid: this.keys.mchid,
      out_order_no: outOrderNo,
      service_id: String(body.service_id),
      service_introduction: String(body.service_introduction ?? ''),
      // need_user_confirm: CREATED until the diner confirms in wx.openBusinessView (see confirm);
      // smart retail (need_user_confirm:false): DOING at once.
      state: needUserConfirm ? 'CREATED' : 'DOING',
      risk_fund: { name: String(risk.name ?? 'ESTIMATE_ORDER_COST'), amount: Number(risk.amount) },
      time_range: (body.time_range as Record<string, string>) ?? {},
      notify_url: String(body.notify_url),
      openid,
      order_id: `1000000000${Date.now()}${randomBytes(2).toString('hex')}`,
      need_collection: true,
      need_user_confirm: needUserConfirm,
    };
    this.orders.set(outOrderNo, order);
    return this.reply(res, 200, this.createReply(order));
  }

  /** A confirm-mode order carries the package for wx.openBusinessView; a smart-retail one needs none. */
  private createReply(order: ServiceOrder): object {
    return order.need_user_confirm ? { ...order, package: this.packageFor(order) } : order;
  }

  /**
   * What the Pay Score mini-program does when `wx.openBusinessView({businessType:
   * 'wxpayScoreUse', extraData})` opens and the diner confirms: checks the merchant's signature
   * (HMAC-SHA256 with the APIv2 key) and the merchant, finds the order by its package, moves it
   * CREATED → DOING and notifies PAYSCORE.USER_CONFIRM.
   */
  confirm(extraData: Record<string, unknown>): ConfirmResult {
    const sign = String(extraData.sign ?? '');
    if (extraData.sign_type !== 'HMAC-SHA256') return { ok: false, code: 'SIGN_ERROR', message: 'sign_type 仅支持 HMAC-SHA256' };
    const expected = hmacSignFields(extraData, this.keys.apiV2Key);
    if (sign.length !== expected.length || !timingSafeEqual(Buffer.from(sign), Buffer.from(expected)))
      return { ok: false, code: 'SIGN_ERROR', message: '商户签名校验失败' };
    if (extraData.mch_id !== this.keys.mchid) return { ok: false, code: 'INVALID_REQUEST', message: '商户号不匹配' };
    const order = [...this.orders.values()].find((o) => this.packageFor(o) === extraData.package);
    if (!order) return { ok: false, code: 'ORDER_NOT_EXIST', message: '订单不存在' };
    if (order.state === 'CREATED') {
      order.state = 'DOING';
      order.state_description = 'USER_CONFIRM';
      const { collection: _none, ...resource } = order;
      void this.notify({ notifyUrl: order.notify_url, key: order.out_order_no }, 'PAYSCORE.USER_CONFIRM', resource);
    }
    return { ok: true, outOrderNo: order.out_order_no, state: order.state };
  }

  private packageFor(order: ServiceOrder): string {
    return `DJ${order.order_id}`;
  }

  private complete(res: ServerResponse, order: ServiceOrder, body: Record<string, unknown>) {
    const failure = this.faults.failNextComplete;
    if (failure) {
      this.faults.failNextComplete = undefined;
      return this.reply(res, failure.status, { code: failure.code, message: failure.message ?? '系统繁忙，请稍后再试' });
    }
    if (order.state !== 'DOING') return this.reply(res, 400, { code: 'INVALID_REQUEST', message: `订单状态 ${order.state} 不能完结` });
    const payments = (body.post_payments as { name: string; amount: number; count?: number }[] | undefined) ?? [];
    const discounts = (body.post_discounts as { name: string; description?: string; amount: number }[] | undefined) ?? [];
    const total = Number(body.total_amount);
    const sum = payments.reduce((s, p) => s + Number(p.amount), 0) - discounts.reduce((s, d) => s + Number(d.amount), 0);
    if (!payments.length || payments.length > 100) return this.reply(res, 400, { code: 'PARAM_ERROR', message: 'post_payments 须为 1~100 项' });
    if (discounts.length > 30) return this.reply(res, 400, { code: 'PARAM_ERROR', message: 'post_discounts 最多 30 项' });
    if (sum !== total) return this.reply(res, 400, { code: 'PARAM_ERROR', message: 'total_amount 须等于 post_payments 之和减去 post_discounts 之和' });
    if (total > order.risk_fund.amount) return this.reply(res, 400, { code: 'PARAM_ERROR', message: 'total_amount 超过风险金额' });
    order.state = 'DONE';
    order.state_description = undefined;
    order.total_amount = total;
    order.post_payments = payments;
    order.post_discounts = discounts.length ? discounts : undefined;
    order.collection = { state: 'USER_PAYING', total_amount: total, paying_amount: total, paid_amount: 0, details: [] };
    if (this.options.autoCollect) this.track(delay(this.options.collectDelayMs).then(() => this.collect(order.out_order_no)));
    return this.reply(res, 200, {
      appid: order.appid,
      mchid: order.mchid,
      out_order_no: order.out_order_no,
      service_id: order.service_id,
      order_id: order.order_id,
      state: order.state,
      total_amount: total,
      need_collection: true,
    });
  }

  private cancel(res: ServerResponse, order: ServiceOrder) {
    if (order.state !== 'CREATED' && order.state !== 'DOING')
      return this.reply(res, 400, { code: 'INVALID_REQUEST', message: `订单状态 ${order.state} 不能取消` });
    order.state = 'REVOKED';
    return this.reply(res, 200, {
      appid: order.appid,
      mchid: order.mchid,
      out_order_no: order.out_order_no,
      service_id: order.service_id,
      order_id: order.order_id,
    });
  }

  /** The user's account is charged: collection USER_PAID and the PAYSCORE.USER_PAID notification. */
  async collect(outOrderNo: string): Promise<number> {
    const order = this.orders.get(outOrderNo);
    if (!order?.collection) throw Object.assign(new Error(`order ${outOrderNo} has nothing to collect`), { status: 409 });
    if (order.collection.state !== 'USER_PAID') {
      const amount = order.collection.total_amount;
      order.collection = {
        ...order.collection,
        state: 'USER_PAID',
        paying_amount: 0,
        paid_amount: amount,
        details: [{ seq: 1, amount, paid_type: 'NEWTON', paid_time: new Date().toISOString(), transaction_id: `42000${Date.now()}`.slice(0, 28) }],
      };
    }
    const { collection: _hidden, ...rest } = order;
    return this.notify({ notifyUrl: order.notify_url, key: order.out_order_no }, 'PAYSCORE.USER_PAID', { ...rest, collection: order.collection });
  }

  /**
   * Delivers a notification as WeChat does: after `notifyDelayMs`, retried until a 2xx (resends
   * keep the notification's id); a `duplicateNotifications` fault delivers it once more.
   */
  private notify(target: { notifyUrl: string; key: string }, eventType: string, resource: object): Promise<number> {
    const id = `EV-${randomBytes(8).toString('hex')}`;
    const duplicate = (this.faults.duplicateNotifications ?? 0) > 0;
    if (duplicate) this.faults.duplicateNotifications = (this.faults.duplicateNotifications ?? 1) - 1;
    const deliverOnce = async () => {
      let status = 0;
      for (let attempt = 1; attempt <= this.options.maxNotifyAttempts; attempt++) {
        const { body, headers } = buildNotification(this.keys, eventType, resource, '支付分通知', id);
        try {
          status = (await fetch(target.notifyUrl, { method: 'POST', headers, body })).status;
        } catch {
          status = 0;
        }
        this.deliveries.push({ outOrderNo: target.key, eventType, status });
        if (status >= 200 && status < 300) break;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
      return status;
    };
    const run = (async () => {
      if (this.options.notifyDelayMs > 0) await delay(this.options.notifyDelayMs);
      const status = await deliverOnce();
      if (duplicate) await deliverOnce();
      return status;
    })();
    return this.track(run);
  }

  private track<T>(run: Promise<T>): Promise<T> {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  /** Responses carry WeChat's signature headers; the client library refuses them otherwise. */
  private reply(res: ServerResponse, status: number, body: object) {
    const text = JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'request-id': randomBytes(12).toString('hex'),
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': this.keys.platformSerial,
      'wechatpay-signature': platformSign(this.keys, timestamp, nonce, text),
    });
    res.end(text);
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const sandboxes = new WeakMap<Emulator, PayScoreSandbox>();

export function payScoreSandboxFor(emulator: Emulator): PayScoreSandbox {
  let sandbox = sandboxes.get(emulator);
  if (!sandbox) {
    sandbox = new PayScoreSandbox(emulator);
    sandboxes.set(emulator, sandbox);
  }
  return sandbox;
}
