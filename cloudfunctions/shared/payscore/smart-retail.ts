import { AppError } from '../kit/errors';
import type { OrderRecord } from '../orders/order-record';
import { newPaymentId } from '../payments/payment-ids';
import type { PaymentRecord } from '../payments/payment-record';
import type { Transaction } from '../repositories/database';
import { businessViewExtraData, completeServiceOrder, createServiceOrder, endServiceOrder, queryServiceOrder } from './apiv3-client';
import { PAYSCORE_USE_BUSINESS_TYPE } from './business-view';
import { payScoreConfig, payScoreMode } from './config';
import { PayScoreErrors } from './errors';
import {
  clearGatewayMarker,
  closeSmartRetailPayment,
  findPayment,
  insertPayment,
  insertPaymentInTransaction,
  memberPrice,
  recordCompletion,
  saveServiceOrderState,
} from './payment-writes';
import { authorizationOf } from './permissions';
import { checkCompletion, completionLines, isSmartRetail, serviceIntroduction } from './smart-retail-rules';
import type {
  CancelSmartRetailInput,
  CancelSmartRetailResult,
  CompleteSmartRetailInput,
  CompleteSmartRetailResult,
  OpenSmartRetailInput,
  OpenSmartRetailResult,
  PayScoreAuthorization,
  PayScoreMode,
} from './types';

/**
 * The smart-retail (cabinet) Pay Score flow: a service order per door session, opened before the
 * door opens, completed with the goods once the vendor reports them, cancelled when nothing was
 * taken. WeChat is called outside any transaction; what it answered is saved afterwards.
 */

/** A payment id to use as out_order_no: store it on the door session first, and a retried open is idempotent. */
export function newPayScoreOrderNo(now = new Date()): string {
  return newPaymentId(now);
}

const PAYMENT_ID = /^P\d{14}[0-9a-f]{12}$/;

function pendingSmartRetailPayment(input: OpenSmartRetailInput, mode: PayScoreMode, now: Date): PaymentRecord {
  const paymentId = input.outOrderNo ?? newPayScoreOrderNo(now);
  if (!PAYMENT_ID.test(paymentId)) throw new RangeError(`out_order_no 不是支付单号: ${paymentId}`);
  if (!Number.isSafeInteger(input.riskFen) || input.riskFen < 1) throw new RangeError(`风险金额无效: ${input.riskFen}`);
  return {
    _id: paymentId,
    orderId: '',
    orderSource: 'cabinet',
    storeId: input.storeId,
    openid: input.openid,
    method: 'payscore',
    // Nothing is known to be owed until the door closes: the completion sets the amounts.
    amountFen: 0,
    discountFen: 0,
    payableFen: 0,
    levelCode: '',
    status: 'pending',
    refundedFen: 0,
    refundCount: 0,
    payScoreRiskFen: input.riskFen,
    smartRetail: { mode, sessionId: input.sessionId, deviceCode: input.deviceCode, state: 'STAGED' },
    // The create call follows: in flight from the start (reconciliation must not close it on "not found").
    gatewayPendingSince: now,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Writes the pending payment inside the caller's transaction (e.g. the one creating the door
 * session), so opening costs no extra round trip for it; then call openSmartRetailOrder with
 * `{ staged }`. No WeChat call here.
 */
export async function stageSmartRetailPayment(tx: Transaction, input: OpenSmartRetailInput): Promise<PaymentRecord> {
  const payment = pendingSmartRetailPayment(input, payScoreMode(), new Date());
  await insertPaymentInTransaction(tx, payment);
  return payment;
}

export interface OpenOptions {
  /** the payment stageSmartRetailPayment wrote (saves the insert round trip) */
  staged?: PaymentRecord;
  /** authorizationOf's answer the caller already has (saves the read) */
  authorization?: PayScoreAuthorization;
}

/**
 * Opens the service order for a door session. No-confirm mode: `need_user_confirm:false`, DOING
 * at once (the diner must have authorized: PAYSCORE_NOT_AUTHORIZED otherwise). Confirm mode (the
 * service id lacks the 免确认 permission): a CREATED order and the signed extraData for
 * wx.openBusinessView. Round trips: [1 insert unless staged] + [1 read unless authorization
 * given, no-confirm only] + 1 Pay Score call + 1 conditional update.
 */
export async function openSmartRetailOrder(input: OpenSmartRetailInput, options: OpenOptions = {}): Promise<OpenSmartRetailResult> {
  const config = payScoreConfig();
  const mode = payScoreMode(config);
  if (mode === 'no_confirm') {
    const authorization = options.authorization ?? (await authorizationOf(input.openid));
    if (authorization.state !== 'authorized') throw new AppError(PayScoreErrors.PAYSCORE_NOT_AUTHORIZED);
  }
  const payment = options.staged ?? (await insertPayment(pendingSmartRetailPayment(input, mode, new Date()))).payment;
  if (!isSmartRetail(payment) || payment.openid !== input.openid) throw new RangeError(`支付单 ${payment._id} 不属于这次开门`);
  if (payment.status !== 'pending') throw new AppError(PayScoreErrors.PAYMENT_SUPERSEDED);
  const paymentMode = payment.smartRetail.mode;
  let created: { package: string; state: string };
  try {
    // Re-sending the same parameters is idempotent at WeChat: a retried open gets the same order.
    created = await createServiceOrder({
      outOrderNo: payment._id,
      openid: input.openid,
      serviceIntroduction: serviceIntroduction(input.title),
      riskAmountFen: payment.payScoreRiskFen ?? input.riskFen,
      needUserConfirm: paymentMode === 'confirm',
    });
  } catch (error) {
    await clearGatewayMarker(payment._id).catch(() => undefined);
    throw error;
  }
  const state = created.state || (paymentMode === 'confirm' ? 'CREATED' : 'DOING');
  const saved = await saveServiceOrderState(payment._id, { state, ...(paymentMode === 'confirm' ? { payScorePackage: created.package } : {}) });
  if (!saved) {
    // Closed meanwhile (the session was ended): the order just made must not stay open.
    await endServiceOrder(payment._id, '开门已取消').catch(() => undefined);
    throw new AppError(PayScoreErrors.PAYMENT_SUPERSEDED);
  }
  if (paymentMode === 'no_confirm') return { mode: 'no_confirm', paymentId: payment._id, state: 'DOING' };
  return {
    mode: 'confirm',
    paymentId: payment._id,
    state: 'CREATED',
    payScore: { businessType: PAYSCORE_USE_BUSINESS_TYPE, extraData: businessViewExtraData(created.package) },
  };
}

/**
 * Confirm mode: after wx.openBusinessView returns, WeChat is asked whether the diner confirmed
 * (DOING); the door opens only then. 1 read + 1 Pay Score call (+ 1 update the first time).
 */
export async function confirmSmartRetailOrder(paymentId: string): Promise<{ paymentId: string; state: 'DOING' }> {
  const payment = await findPayment(paymentId);
  if (!isSmartRetail(payment) || payment.status !== 'pending') throw new AppError(PayScoreErrors.PAYSCORE_NOT_CONFIRMED);
  if (payment.smartRetail.state === 'DOING') return { paymentId, state: 'DOING' };
  const remote = await queryServiceOrder(paymentId);
  if (remote.state !== 'DOING') throw new AppError(PayScoreErrors.PAYSCORE_NOT_CONFIRMED, { details: { state: String(remote.state ?? '') } });
  await saveServiceOrderState(paymentId, { state: 'DOING' });
  return { paymentId, state: 'DOING' };
}

export interface CompleteOptions {
  /** the payment as the caller just read it (saves a read; it is read again inside the record transaction) */
  payment?: PaymentRecord;
  /** the cabinet order just placed (saves the order read in the record transaction) */
  order?: OrderRecord;
  /** the diner's member document as the caller just read it in this request (saves the member read for the price) */
  member?: { totalEarned?: number } | null;
}

/**
 * Door closed with goods: post_payments (商品信息, one line per item, ≤ 100), the member discount as
 * a post_discount, total ≤ the risk amount; then the amounts, the event and the order's claim in
 * one transaction. WeChat collects and notifies USER_PAID, which the payment function settles
 * (order → paid). Round trips: [1 payment read] + 1 pricing read + 1 Pay Score call + 4 (record).
 * Retrying with the same goods is safe: a completion already recorded is answered again, one
 * WeChat accepted but we did not record (lost reply) is found by a query and recorded.
 */
export async function completeSmartRetailOrder(input: CompleteSmartRetailInput, options: CompleteOptions = {}): Promise<CompleteSmartRetailResult> {
  const built = completionLines(input.items);
  if (!built.ok) {
    if (built.reason === 'too_many_lines') throw new AppError(PayScoreErrors.PAYSCORE_TOO_MANY_LINES, { details: { field: 'items' } });
    throw new RangeError(built.reason === 'empty' ? '没有商品：请取消支付分订单' : '商品行的数量或单价无效');
  }
  const payment = options.payment ?? (await findPayment(input.paymentId));
  if (!isSmartRetail(payment)) throw new RangeError(`不是智能柜支付分支付单: ${input.paymentId}`);
  const price = await memberPrice(payment.openid, built.totalFen, options.member);
  const { discount, final } = price.quote;
  const riskFen = payment.payScoreRiskFen ?? 0;
  if (final > riskFen) {
    throw new AppError(PayScoreErrors.PAYSCORE_OVER_RISK_AMOUNT, {
      message: `完结金额 ${final} 分超过风险金额 ${riskFen} 分`,
      details: { field: 'items', riskFen, payableFen: final },
    });
  }
  const check = checkCompletion(payment, input.orderId, final);
  const result = (state: string, already: boolean): CompleteSmartRetailResult => ({
    paymentId: payment._id,
    totalFen: built.totalFen,
    discountFen: discount,
    payableFen: final,
    state,
    already,
  });
  if (check.kind === 'already') return result('DONE', true);
  if (check.kind === 'refused') {
    if (check.reason === 'not_pending') throw new AppError(PayScoreErrors.PAYMENT_SUPERSEDED, { message: `支付单状态为 ${payment.status}，不能完结` });
    throw new AppError(PayScoreErrors.PAYSCORE_ALREADY_COMPLETED, { message: '支付分订单已按其他金额或订单完结' });
  }
  const discounts = discount > 0 ? [{ name: '会员折扣', description: `${price.levelName}优惠`, amount: discount }] : [];
  let state: string;
  try {
    ({ state } = await completeServiceOrder(payment._id, built.lines, discounts, final));
  } catch (error) {
    // An earlier attempt may have reached WeChat with its reply lost: the same completion done
    // there is recorded; anything else leaves the payment untouched.
    const remote = await queryServiceOrder(payment._id).catch(() => null);
    if (remote?.state !== 'DONE' || remote.total_amount !== final) throw error;
    state = 'DONE';
  }
  const recorded = await recordCompletion({
    paymentId: payment._id,
    orderId: input.orderId,
    ...(options.order ? { order: options.order } : {}),
    amountFen: built.totalFen,
    discountFen: discount,
    payableFen: final,
    levelCode: price.levelCode,
    lines: built.lines.map(({ description, amount, count }) => ({ description, amount, count })),
  });
  return result(state || 'DONE', recorded.already);
}

/** How long a create call may still land at WeChat (payment/src/domain/gateway-call.ts: the same bound). */
const GATEWAY_CALL_BOUND_MS = 60_000;

/**
 * Nothing taken, the door never opened, or the session was abandoned: the service order is
 * cancelled at WeChat (nothing charged) and the payment closed. A completed order cannot be
 * cancelled (PAYSCORE_ALREADY_COMPLETED). "WeChat has no such order" closes the payment only when
 * no create call can still land. Round trips: 1 read + 1–2 Pay Score calls + 4 (close).
 */
export async function cancelSmartRetailOrder(input: CancelSmartRetailInput): Promise<CancelSmartRetailResult> {
  const payment = await findPayment(input.paymentId);
  if (!isSmartRetail(payment)) throw new RangeError(`不是智能柜支付分支付单: ${input.paymentId}`);
  if (payment.status !== 'pending') return { paymentId: payment._id, remote: 'cancelled', status: payment.status };
  if (payment.payScoreCompletedAt) throw new AppError(PayScoreErrors.PAYSCORE_ALREADY_COMPLETED);
  const ended = await endServiceOrder(payment._id, input.reason);
  if (ended === 'done') throw new AppError(PayScoreErrors.PAYSCORE_ALREADY_COMPLETED);
  const status = await closeSmartRetailPayment(payment._id, input.reason, (current) => {
    if (current.payScoreCompletedAt) return true;
    if (ended !== 'not_found' || !current.gatewayPendingSince) return false;
    return Date.now() - new Date(current.gatewayPendingSince).getTime() < GATEWAY_CALL_BOUND_MS;
  });
  return { paymentId: payment._id, remote: ended, status };
}
