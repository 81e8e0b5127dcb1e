// A cabinet order whose gift tickets covered part of it is paid for the rest (shared/orders/cabinet-facts.ts).
import { amountDueFen } from '../../../shared/orders/cabinet-facts';
import { paymentContract, type PayScoreBusinessView } from '../../../../typings/api/payment';
import { AppError } from '../../../shared/kit/errors';
import { implement, type ActionContext } from '../../../shared/kit/function';
import { requireOpenid } from '../../../shared/kit/roles';
import { Errors } from '../errors';
import { needsGatewayOrder, refuseCloseOnNotExist } from '../domain/gateway-call';
import { newPaymentId } from '../domain/payment-ids';
import {
  isPayableOrder,
  PAYABLE_ORDER_STATUSES,
  PAYMENT_METHODS,
  paymentView,
  refundView,
  type PayableOrder,
  type PaymentMethod,
  type PaymentRecord,
} from '../domain/payment-record';
import { PAYSCORE_USE_BUSINESS_TYPE } from '../../../shared/payscore/business-view';
import { closeOrder, unifiedOrder } from '../gateways/cloudpay-gateway';
import { businessViewExtraData, createServiceOrder, endServiceOrder } from '../gateways/payscore-client';
import { clearGatewayMarker, findOrder, findPayment, listRefunds } from '../repositories/payment-repository';
import { claimOrderForPayment, closePayment, closePendingPayment, saveGatewayOrder } from '../repositories/open-close-transactions';
import { payWithTickets } from '../repositories/settle-transactions';
import { priceForMember, type MemberPricing } from './pricing';

/**
 * The caller's order. Someone else's order is answered exactly like a missing one, so order ids
 * cannot be probed for existence.
 */
async function ownedOrder(orderId: string, openid: string): Promise<PayableOrder> {
  const order = await findOrder(orderId);
  if (!order || order.openid !== openid) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
  return order;
}

function assertPayable(order: PayableOrder): void {
  if (!isPayableOrder(order)) {
    throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: `订单当前状态为 ${order.status}，不可支付` });
  }
}

/** 支付方式选择页: the member price and what each method would cost. */
export const quoteAction = implement(paymentContract.actions.quote, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const order = await ownedOrder(input.orderId, openid);
  const pricing = await priceForMember(openid, amountDueFen(order));
  return {
    orderId: order._id,
    orderStatus: order.status,
    payable: PAYABLE_ORDER_STATUSES.includes(order.status),
    source: order.source,
    amountFen: amountDueFen(order),
    quote: pricing.quote,
    level: { code: pricing.levelCode, name: pricing.levelName },
    tickets: { balance: pricing.ticketsBalance, required: pricing.ticketsRequired, enough: pricing.ticketsBalance >= pricing.ticketsRequired },
    methods: availableMethods(order),
  };
});

function availableMethods(order: PayableOrder): PaymentMethod[] {
  // Pay Score is the cabinet's pay-after flow; the others fit every source.
  return PAYMENT_METHODS.filter((method) => method !== 'payscore' || order.source === 'cabinet');
}

/**
 * Starts paying an order. WeChat Pay returns the wx.requestPayment parameters; tickets wait for
 * payWithTickets; cash waits for staff confirmation; Pay Score returns the signed extraData for
 * wx.openBusinessView. The order is claimed atomically (one open payment per order), so a double
 * tap — or two concurrent calls — end up with one payment and one WeChat order.
 */
export const createPaymentAction = implement(paymentContract.actions.createPayment, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const order = await ownedOrder(input.orderId, openid);
  assertPayable(order);
  if (!availableMethods(order).includes(input.method)) throw new AppError(Errors.METHOD_NOT_AVAILABLE, { details: { field: 'method' } });

  const pricing = await priceForMember(openid, amountDueFen(order));
  const claim = () =>
    claimOrderForPayment({
      orderId: order._id,
      openid,
      method: input.method,
      newPayment: (current) => newPendingPayment(current, openid, input.method, pricing),
    });
  let claimed = await claim();
  if (claimed.kind === 'switch') {
    await abandon(claimed.previous);
    claimed = await claim();
  }
  if (claimed.kind === 'switch') throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: '订单正在使用其他支付方式，请稍后重试' });
  const payment = claimed.payment;

  // A pending payment whose gateway call failed last time gets it retried here; WeChat accepts
  // the same out_trade_no again when the parameters are unchanged.
  const gateway = needsGatewayOrder(payment) ? await openGatewayOrder(payment, order, openid, ctx) : payment;
  const wxPayment = gateway.wxPayment ?? null;
  const payScorePackage = gateway.payScorePackage ?? null;
  // Signed afresh on every call (new timestamp and nonce); the package stays the order's.
  const payScore: PayScoreBusinessView | null = payScorePackage
    ? { businessType: PAYSCORE_USE_BUSINESS_TYPE, extraData: businessViewExtraData(payScorePackage) }
    : null;
  if (claimed.kind === 'created') ctx.log.info('payment created', { paymentId: payment._id, method: input.method, payableFen: payment.payableFen });
  return { payment: paymentView(payment), wxPayment, payScorePackage, payScore };
});

type GatewayOrder = Pick<PaymentRecord, 'wxPayment' | 'payScorePackage' | 'payScoreRiskFen'>;

/**
 * Creates the payment's WeChat order (the claim marked the call in flight) and keeps its
 * parameters only if the payment is STILL pending. If it was closed meanwhile — the diner
 * switched method in another tab, or reconciliation expired it — the order just created is closed
 * at WeChat and nothing is handed to the diner: otherwise they could pay an order we gave up.
 */
async function openGatewayOrder(payment: PaymentRecord, order: PayableOrder, openid: string, ctx: ActionContext): Promise<GatewayOrder> {
  let fields: GatewayOrder;
  try {
    if (payment.method === 'wechat') {
      fields = {
        wxPayment: await unifiedOrder({ outTradeNo: payment._id, body: orderTitle(order), totalFee: payment.payableFen, clientIp: ctx.caller.clientIp }),
      };
    } else {
      const riskFen = Math.max(payment.payableFen, 1);
      const created = await createServiceOrder({ outOrderNo: payment._id, openid, serviceIntroduction: orderTitle(order), riskAmountFen: riskFen });
      fields = { payScorePackage: created.package, payScoreRiskFen: riskFen };
    }
  } catch (error) {
    // Nothing was handed out, so a switch or the sweep need not wait for this call any longer.
    await clearGatewayMarker(payment._id).catch(() => undefined);
    throw error;
  }
  const saved = await saveGatewayOrder(payment._id, fields);
  if (saved.saved) return fields;
  ctx.log.warn('payment closed while its WeChat order was being created; closing that order', { paymentId: payment._id, status: saved.status });
  try {
    if (payment.method === 'wechat') {
      const closed = await closeOrder(payment._id);
      if (closed === 'paid') ctx.log.error('WeChat order of a closed payment is paid, needs a refund', { paymentId: payment._id });
    } else {
      const ended = await endServiceOrder(payment._id, '支付已关闭');
      if (ended === 'done') ctx.log.error('Pay Score order of a closed payment was completed', { paymentId: payment._id });
    }
  } catch (error) {
    // Its parameters never left this function, so nobody can pay it; it lapses at WeChat.
    ctx.log.error('could not close the WeChat order of a closed payment', { paymentId: payment._id, error: (error as Error).message });
  }
  throw new AppError(Errors.PAYMENT_SUPERSEDED);
}

/** The priced payment a claim writes, for the order as read inside the claim. */
function newPendingPayment(order: PayableOrder, openid: string, method: PaymentMethod, pricing: MemberPricing): PaymentRecord {
  // Priced from the order read before the claim; a total changed in between is not paid blind.
  if (amountDueFen(order) !== pricing.quote.original) throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: '订单金额已变化，请重新发起支付' });
  const now = new Date();
  const payment: PaymentRecord = {
    _id: newPaymentId(now),
    orderId: order._id,
    orderSource: order.source,
    storeId: order.storeId,
    openid,
    method,
    amountFen: pricing.quote.original,
    discountFen: pricing.quote.discount,
    payableFen: pricing.quote.final,
    levelCode: pricing.levelCode,
    status: 'pending',
    refundedFen: 0,
    refundCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  // Its WeChat order is created right after the claim commits: in flight from the start.
  return needsGatewayOrder(payment) ? { ...payment, gatewayPendingSince: now } : payment;
}

/**
 * Switching method: the old payment's WeChat side is ended first, so it can no longer take money.
 * - WeChat Pay: closeOrder. "Does not exist" is believed only when no unifiedOrder can still land
 *   (see domain/gateway-call.ts); otherwise the diner is asked to try again in a moment.
 * - Pay Score: a service order staff completed is being charged — no switch. Otherwise the service
 *   order is cancelled first; WeChat refuses to cancel a DONE one, which also blocks the switch.
 */
async function abandon(previous: PaymentRecord): Promise<void> {
  const reason = 'method_changed';
  if (previous.method === 'wechat') {
    const result = await closeOrder(previous._id);
    if (result === 'paid') throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: '该订单已支付，正在确认结果' });
    if (result === 'closed') {
      await closePayment(previous._id, reason, 'diner');
      return;
    }
    const outcome = await closePendingPayment({
      paymentId: previous._id,
      reason,
      source: 'diner',
      refuse: (current) => refuseCloseOnNotExist(current, !!previous.wxPayment, new Date()),
    });
    if (outcome.refused) throw new AppError(Errors.PAYMENT_BEING_CREATED);
    return;
  }
  if (previous.method === 'payscore') {
    if (previous.payScoreCompletedAt) throw new AppError(Errors.PAYSCORE_ALREADY_COMPLETED, { message: '支付分订单已完结，正在扣款，不能更换支付方式' });
    const ended = await endServiceOrder(previous._id, '顾客更换支付方式');
    if (ended === 'done') throw new AppError(Errors.PAYSCORE_ALREADY_COMPLETED, { message: '支付分订单已完结，正在扣款，不能更换支付方式' });
    const outcome = await closePendingPayment({
      paymentId: previous._id,
      reason,
      source: 'diner',
      refuse: (current) =>
        current.payScoreCompletedAt ? 'completed' : ended === 'not_found' ? refuseCloseOnNotExist(current, !!previous.payScorePackage, new Date()) : null,
    });
    if (outcome.refused === 'completed') throw new AppError(Errors.PAYSCORE_ALREADY_COMPLETED, { message: '支付分订单已完结，正在扣款，不能更换支付方式' });
    if (outcome.refused) throw new AppError(Errors.PAYMENT_BEING_CREATED);
    return;
  }
  await closePayment(previous._id, reason, 'diner');
}

function orderTitle(order: PayableOrder): string {
  return order.title ?? `气候餐厅-订单${order._id.slice(-8)}`;
}

export const payWithTicketsAction = implement(paymentContract.actions.payWithTickets, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const result = await payWithTickets(input.paymentId, openid);
  return { payment: paymentView(result.payment), ticketsSpent: result.tickets, ticketsBalance: result.balanceAfter, alreadyPaid: result.already };
});

/** 支付结果页 polls this; refunds are listed for the order detail page. */
export const getPaymentAction = implement(paymentContract.actions.getPayment, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  let paymentId = input.paymentId;
  if (!paymentId && input.orderId) {
    const order = await ownedOrder(input.orderId, openid);
    paymentId = order.paymentId;
    if (!paymentId) return { payment: null, refunds: [], orderStatus: order.status };
  }
  const payment = await findPayment(paymentId!);
  if (!payment || payment.openid !== openid) throw new AppError(Errors.PAYMENT_NOT_FOUND);
  const refunds = payment.refundCount > 0 ? await listRefunds(payment._id) : [];
  return {
    payment: paymentView(payment),
    refunds: refunds.map((r) => refundView(r, 'diner')),
  };
});
