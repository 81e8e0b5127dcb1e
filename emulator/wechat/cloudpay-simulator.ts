import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator, InvocationIdentity } from '../types';
import { beijingTimeEnd, chargedFeeOf, fail, ok, payEvent, refundEvent, shanghaiTime, SIM_APP_ID, type SimOrder, type SimRefund } from './cloudpay-wire';

export { SIM_APP_ID, SIM_MCH_ID, type SimOrder, type TradeState } from './cloudpay-wire';

/**
 * The merchant side of WeChat Pay as cloudPay exposes it, run locally: `cloud.cloudPay.*` arrive as
 * `wx.wxPayApi` admin actions (snake_case JSON in `requestData`, WeChat's v2 field names) and are
 * answered with WeChat's reply fields and error codes. Paying or refunding is triggered locally
 * (control endpoint / CLI); the simulator then invokes the callback function with the same
 * camelCase event cloudPay sends, retrying until it answers {errcode: 0}. Its registration (admin
 * action, control routes, CLI verbs, fault hooks) is simulators/cloudpay.ts.
 */

export interface SimulatorOptions {
  /** callback attempts before giving up (WeChat keeps trying for a day; tests want few) */
  maxNotifyAttempts: number;
  /** delay between attempts, ms */
  retryDelayMs: number;
  /** deliver refund notifications right after the refund request (as WeChat does, asynchronously) */
  autoRefundNotify: boolean;
}

const DEFAULT_OPTIONS: SimulatorOptions = { maxNotifyAttempts: 3, retryDelayMs: 200, autoRefundNotify: true };
const MAX_REFUNDS = 50;

export interface FailureOptions {
  afterApplying?: boolean;
  dropReply?: boolean;
}

/**
 * Test-only timing control: `before` = the request reaches WeChat late (it is applied after the
 * delay, so calls made meanwhile see the state without it); `after` = applied at once, but the
 * reply reaches the caller late (the caller acts on an answer that is already stale).
 */
export interface DelayOptions {
  phase?: 'before' | 'after';
}

/** One merchant call the simulator answered, for tests that check what was asked of WeChat. */
export interface SimCall {
  api: string;
  outTradeNo?: string;
  outRefundNo?: string;
  at: string;
}

export interface NotifyDelivery {
  attempts: number;
  ok: boolean;
  lastReply: unknown;
}

export class CloudPaySimulator {
  private readonly orders = new Map<string, SimOrder>();
  private readonly file: string;
  readonly options: SimulatorOptions;
  /** notifications in flight, so tests can wait for them */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly emulator: Emulator,
    options: Partial<SimulatorOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.file = join(emulator.dataDir, 'wxpay-simulator.json');
    if (existsSync(this.file)) {
      for (const order of JSON.parse(readFileSync(this.file, 'utf8')) as SimOrder[]) this.orders.set(order.outTradeNo, order);
    }
  }

  private save() {
    writeFileSync(this.file, JSON.stringify([...this.orders.values()], null, 1));
  }

  list(): SimOrder[] {
    return [...this.orders.values()];
  }

  get(outTradeNo: string): SimOrder | undefined {
    return this.orders.get(outTradeNo);
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }

  private readonly injectedFailures: ({ api: string; errCode: string; errCodeDes: string } & FailureOptions)[] = [];
  private readonly delays: { api: string; ms: number; phase: 'before' | 'after'; arrived: () => void }[] = [];
  /** every merchant call answered, oldest first */
  readonly calls: SimCall[] = [];

  /**
   * Test-only: holds the next call of `api` for `ms` milliseconds (see DelayOptions), to widen a
   * race window deterministically. `reached` resolves when that call has arrived.
   */
  delayNext(api: string, ms: number, options: DelayOptions = {}): { reached: Promise<void> } {
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    this.delays.push({ api, ms, phase: options.phase ?? 'before', arrived });
    return { reached };
  }

  /** One call as the admin endpoint receives it: `handle`, held back first if a test asked to. */
  async handleAsync(api: string, data: Record<string, unknown>, identity: InvocationIdentity | undefined): Promise<Record<string, unknown>> {
    const index = this.delays.findIndex((d) => d.api === api);
    if (index === -1) return this.handle(api, data, identity);
    const [delay] = this.delays.splice(index, 1);
    delay.arrived();
    if (delay.phase === 'before') {
      await sleep(delay.ms);
      return this.handle(api, data, identity);
    }
    let reply: Record<string, unknown>;
    try {
      reply = this.handle(api, data, identity);
    } catch (error) {
      await sleep(delay.ms);
      throw error;
    }
    await sleep(delay.ms);
    return reply;
  }

  /**
   * The next call of `api` fails with WeChat's error (e.g. SYSTEMERROR), to exercise retries.
   * `afterApplying`: WeChat did the work and then answered the error (why SYSTEMERROR means
   * "retry with the same out_refund_no"); `dropReply`: the work is done but the reply never
   * arrives (a timeout / gateway error on the caller's side).
   */
  failNext(api: string, errCode = 'SYSTEMERROR', errCodeDes = '系统超时', options: FailureOptions = {}): void {
    this.injectedFailures.push({ api, errCode, errCodeDes, ...options });
  }

  /** One `wx.wxPayApi` call: api name + snake_case request → snake_case reply. */
  handle(api: string, data: Record<string, unknown>, identity: InvocationIdentity | undefined): Record<string, unknown> {
    this.calls.push({
      api,
      ...(data.out_trade_no ? { outTradeNo: String(data.out_trade_no) } : {}),
      ...(data.out_refund_no ? { outRefundNo: String(data.out_refund_no) } : {}),
      at: new Date().toISOString(),
    });
    const injected = this.injectedFailures.findIndex((f) => f.api === api);
    if (injected !== -1) {
      const [failure] = this.injectedFailures.splice(injected, 1);
      if (failure.afterApplying || failure.dropReply) this.apply(api, data, identity);
      if (failure.dropReply) throw Object.assign(new Error(`cloudPay.${api}: reply lost (simulated timeout)`), { status: 504 });
      return fail(failure.errCode, failure.errCodeDes);
    }
    return this.apply(api, data, identity);
  }

  private apply(api: string, data: Record<string, unknown>, identity: InvocationIdentity | undefined): Record<string, unknown> {
    switch (api) {
      case 'unifiedOrder':
        return this.unifiedOrder(data, identity);
      case 'queryOrder':
        return this.queryOrder(data);
      case 'closeOrder':
        return this.closeOrder(data);
      case 'refund':
        return this.refund(data);
      case 'queryRefund':
        return this.queryRefund(data);
      default:
        return { return_code: 'FAIL', return_msg: `本地模拟器不支持 cloudPay.${api}` };
    }
  }

  private unifiedOrder(data: Record<string, unknown>, identity: InvocationIdentity | undefined): Record<string, unknown> {
    const missing = ['body', 'out_trade_no', 'total_fee', 'spbill_create_ip', 'sub_mch_id', 'env_id', 'function_name', 'nonce_str'].filter(
      (k) => data[k] === undefined || data[k] === '',
    );
    if (missing.length) return { return_code: 'FAIL', return_msg: `缺少参数 ${missing.join(',')}` };
    const outTradeNo = String(data.out_trade_no);
    const totalFee = Number(data.total_fee);
    if (!/^[A-Za-z0-9_\-|*@]{1,32}$/.test(outTradeNo)) return fail('INVALID_REQUEST', 'out_trade_no 格式错误');
    if (!Number.isSafeInteger(totalFee) || totalFee <= 0) return fail('PARAM_ERROR', 'total_fee 必须是正整数（分）');
    const openid = identity?.openid || String(data.sub_openid ?? data.openid ?? '');
    if (!openid) return fail('PARAM_ERROR', '缺少用户 openid（须在用户调用的云函数中下单）');
    const existing = this.orders.get(outTradeNo);
    if (existing) {
      if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND') return fail('ORDERPAID', '该订单已支付');
      if (existing.tradeState === 'CLOSED') return fail('ORDERCLOSED', '订单已关闭');
      if (existing.totalFee !== totalFee || existing.body !== String(data.body)) return fail('INVALID_REQUEST', '201 商户订单号重复');
      return this.prepayReply(existing);
    }
    const order: SimOrder = {
      outTradeNo,
      body: String(data.body),
      totalFee,
      subMchId: String(data.sub_mch_id),
      functionName: String(data.function_name),
      envId: String(data.env_id),
      openid,
      tradeState: 'NOTPAY',
      prepayId: `wx${Date.now()}${randomBytes(8).toString('hex')}`,
      refunds: [],
      createdAt: new Date().toISOString(),
    };
    this.orders.set(outTradeNo, order);
    this.save();
    return this.prepayReply(order);
  }

  private prepayReply(order: SimOrder): Record<string, unknown> {
    const nonceStr = randomBytes(16).toString('hex');
    return {
      ...ok(order.subMchId),
      trade_type: 'JSAPI',
      prepay_id: order.prepayId,
      // What wx.requestPayment takes; the signature is a placeholder the local mode never checks.
      payment: {
        appId: SIM_APP_ID,
        timeStamp: String(Math.floor(Date.now() / 1000)),
        nonceStr,
        package: `prepay_id=${order.prepayId}`,
        signType: 'MD5',
        paySign: randomBytes(16).toString('hex').toUpperCase(),
      },
    };
  }

  private queryOrder(data: Record<string, unknown>): Record<string, unknown> {
    const order = this.find(data);
    if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在');
    const paid = order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND';
    return {
      ...ok(order.subMchId),
      trade_state: order.tradeState,
      trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款', PAYERROR: '支付失败' }[order.tradeState],
      out_trade_no: order.outTradeNo,
      // Once paid, WeChat reports what it actually charged — the same figure the notification carried.
      total_fee: paid ? chargedFeeOf(order) : order.totalFee,
      ...(paid
        ? {
            transaction_id: order.transactionId,
            cash_fee: chargedFeeOf(order),
            time_end: order.timeEnd,
            sub_openid: order.openid,
            trade_type: 'JSAPI',
            bank_type: 'OTHERS',
            fee_type: 'CNY',
          }
        : {}),
    };
  }

  private closeOrder(data: Record<string, unknown>): Record<string, unknown> {
    const order = this.find(data);
    if (!order) return fail('ORDERNOTEXIST', '订单不存在');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return fail('ORDERPAID', '订单已支付，不能发起关单');
    if (order.tradeState === 'CLOSED') return fail('ORDERCLOSED', '订单已关闭');
    order.tradeState = 'CLOSED';
    this.save();
    return ok(order.subMchId);
  }

  private refund(data: Record<string, unknown>): Record<string, unknown> {
    const order = this.find(data);
    if (!order) return fail('ORDERNOTEXIST', '订单不存在');
    const outRefundNo = String(data.out_refund_no ?? '');
    const totalFee = Number(data.total_fee);
    const refundFee = Number(data.refund_fee);
    if (!/^[A-Za-z0-9_\-|*@]{1,64}$/.test(outRefundNo)) return fail('PARAM_ERROR', 'out_refund_no 格式错误');
    if (!data.function_name || !data.env_id) return { return_code: 'FAIL', return_msg: '缺少参数 function_name/env_id' };
    if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND') return fail('TRADE_STATE_ERROR', '订单状态错误');
    const existing = order.refunds.find((r) => r.outRefundNo === outRefundNo);
    if (existing) {
      // out_refund_no is the idempotency key: the same request answers the same refund.
      if (existing.refundFee !== refundFee) return fail('INVALID_REQUEST', '请求参数与原退款单不一致');
      return this.refundReply(order, existing);
    }
    if (totalFee !== order.totalFee) return fail('INVALID_REQUEST', '订单金额或退款金额与之前请求不一致');
    if (!Number.isSafeInteger(refundFee) || refundFee <= 0) return fail('PARAM_ERROR', 'refund_fee 必须是正整数（分）');
    if (order.refunds.length >= MAX_REFUNDS) return fail('INVALID_REQUEST', '订单已经超过可退款的最大次数');
    const refunded = order.refunds.filter((r) => r.status !== 'CHANGE').reduce((sum, r) => sum + r.refundFee, 0);
    if (refunded + refundFee > order.totalFee) return fail('INVALID_REQUEST', '退款金额大于支付金额');
    const refund: SimRefund = {
      outRefundNo,
      refundId: `50000${Date.now()}${randomBytes(4).toString('hex')}`,
      refundFee,
      status: 'PROCESSING',
      functionName: String(data.function_name),
      envId: String(data.env_id),
      notified: false,
      createdAt: new Date().toISOString(),
    };
    order.refunds.push(refund);
    order.tradeState = 'REFUND';
    this.save();
    if (this.options.autoRefundNotify) setImmediate(() => void this.completeRefund(outRefundNo));
    return this.refundReply(order, refund);
  }

  private refundReply(order: SimOrder, refund: SimRefund): Record<string, unknown> {
    return {
      ...ok(order.subMchId),
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      total_fee: order.totalFee,
      cash_fee: order.totalFee,
    };
  }

  private queryRefund(data: Record<string, unknown>): Record<string, unknown> {
    const order = this.find(data) ?? [...this.orders.values()].find((o) => o.refunds.some((r) => r.outRefundNo === data.out_refund_no));
    if (!order || !order.refunds.length) return fail('REFUNDNOTEXIST', '退款订单查询失败');
    const refunds = data.out_refund_no ? order.refunds.filter((r) => r.outRefundNo === data.out_refund_no) : order.refunds;
    const fields: Record<string, unknown> = {
      ...ok(order.subMchId),
      out_trade_no: order.outTradeNo,
      transaction_id: order.transactionId,
      total_fee: order.totalFee,
      refund_count: refunds.length,
    };
    refunds.forEach((r, i) =>
      Object.assign(fields, {
        [`out_refund_no_${i}`]: r.outRefundNo,
        [`refund_id_${i}`]: r.refundId,
        [`refund_fee_${i}`]: r.refundFee,
        [`refund_status_${i}`]: r.status,
      }),
    );
    return fields;
  }

  private find(data: Record<string, unknown>): SimOrder | undefined {
    if (data.out_trade_no) return this.orders.get(String(data.out_trade_no));
    if (data.transaction_id) return [...this.orders.values()].find((o) => o.transactionId === data.transaction_id);
    return undefined;
  }

  // ---------------------------------------------------------------- local triggers

  /**
   * The diner pays: the order becomes SUCCESS and the callback function receives the pay
   * notification. `duplicates` sends that many copies at once (WeChat does resend);
   * `reportedFee` is what WeChat charged and reports — in the notification AND in queryOrder —
   * instead of the ordered total_fee (to exercise the amount check); `notify: false` loses the
   * notification.
   */
  async pay(
    outTradeNo: string,
    options: { duplicates?: number; reportedFee?: number; notify?: boolean } = {},
  ): Promise<{ order: SimOrder; deliveries: NotifyDelivery[] }> {
    const order = this.orders.get(outTradeNo);
    if (!order) throw Object.assign(new Error(`no such order ${outTradeNo}`), { status: 404 });
    if (order.tradeState === 'CLOSED') throw Object.assign(new Error(`order ${outTradeNo} is closed`), { status: 409 });
    if (order.tradeState === 'NOTPAY' || order.tradeState === 'PAYERROR') {
      order.tradeState = 'SUCCESS';
      order.transactionId = `42000${Date.now()}${randomBytes(5).toString('hex')}`.slice(0, 28);
      order.timeEnd = beijingTimeEnd(new Date());
      order.chargedFee = options.reportedFee ?? order.totalFee;
      this.save();
    } else if (options.reportedFee !== undefined && options.reportedFee !== order.chargedFee) {
      order.chargedFee = options.reportedFee;
      this.save();
    }
    // notify: false = the notification is lost on the way (reconciliation must find the payment).
    if (options.notify === false) return { order, deliveries: [] };
    const event = payEvent(order);
    const copies = Math.max(1, Math.min(options.duplicates ?? 1, 50));
    const deliveries = await this.track(Promise.all(Array.from({ length: copies }, () => this.deliver(order.functionName, event))));
    return { order, deliveries };
  }

  /** The payment fails on the user's side (no notification: WeChat only notifies success). */
  payError(outTradeNo: string): SimOrder {
    const order = this.orders.get(outTradeNo);
    if (!order || order.tradeState !== 'NOTPAY') throw Object.assign(new Error(`order ${outTradeNo} cannot fail now`), { status: 409 });
    order.tradeState = 'PAYERROR';
    this.save();
    return order;
  }

  /** Finishes refunds (one, or all still processing) and sends their notifications. */
  async completeRefund(outRefundNo?: string, status: 'SUCCESS' | 'CHANGE' = 'SUCCESS'): Promise<{ outRefundNo: string; delivery: NotifyDelivery }[]> {
    const results: { outRefundNo: string; delivery: NotifyDelivery }[] = [];
    for (const order of this.orders.values()) {
      for (const refund of order.refunds) {
        if (refund.notified || (outRefundNo && refund.outRefundNo !== outRefundNo)) continue;
        refund.status = status;
        refund.successTime = status === 'SUCCESS' ? shanghaiTime(new Date()) : undefined;
        refund.notified = true;
        this.save();
        const delivery = await this.track(this.deliver(refund.functionName, refundEvent(order, refund)));
        results.push({ outRefundNo: refund.outRefundNo, delivery });
      }
    }
    return results;
  }

  /** Invokes the callback function like WeChat: retried until it answers {errcode: 0}. */
  private async deliver(functionName: string, event: Record<string, unknown>): Promise<NotifyDelivery> {
    let lastReply: unknown;
    for (let attempt = 1; attempt <= this.options.maxNotifyAttempts; attempt++) {
      try {
        const outcome = await this.emulator.runtime.invoke(functionName, event, { source: 'wx_paycallback' });
        lastReply = outcome.ok ? outcome.result : { error: outcome.errorMessage };
        if (outcome.ok && (outcome.result as { errcode?: number } | null)?.errcode === 0) return { attempts: attempt, ok: true, lastReply };
      } catch (error) {
        lastReply = { error: (error as Error).message };
      }
      if (attempt < this.options.maxNotifyAttempts) await new Promise((r) => setTimeout(r, this.options.retryDelayMs * attempt));
    }
    return { attempts: this.options.maxNotifyAttempts, ok: false, lastReply };
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ wiring

const simulators = new WeakMap<Emulator, CloudPaySimulator>();

/** One simulator per emulator, created on first use (state kept in the emulator's data folder). */
export function cloudPaySimulatorFor(emulator: Emulator, options?: Partial<SimulatorOptions>): CloudPaySimulator {
  let simulator = simulators.get(emulator);
  if (!simulator) {
    simulator = new CloudPaySimulator(emulator, options);
    simulators.set(emulator, simulator);
  } else if (options) {
    Object.assign(simulator.options, options);
  }
  return simulator;
}
