import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../server';
import { cloudPaySimulatorFor } from './cloudpay-simulator';
import { payScoreSandboxFor, SANDBOX_PREFIX } from './payscore-sandbox';

/**
 * Local-only endpoints standing in for what happens on the diner's phone and at Tencent:
 *   POST /_emulator/wxpay/pay        {outTradeNo, duplicates?, reportedFee?}  the diner pays → pay callback
 *   POST /_emulator/wxpay/pay-error  {outTradeNo}                            the payment fails
 *   POST /_emulator/wxpay/refund     {outRefundNo?, status?}                 finish refunds → refund callback
 *   GET  /_emulator/wxpay/orders                                             the simulator's merchant orders
 *   POST /_emulator/wxpay/payscore/confirm {extraData of wxpayScoreUse}      the diner confirms in openBusinessView
 *   POST /_emulator/wxpay/payscore/collect {outOrderNo}                      Pay Score deduction → USER_PAID
 *   *    /_emulator/wxpay-v3/v3/payscore/...                                 the APIv3 Pay Score sandbox
 */
export function isWxPayControlPath(path: string): boolean {
  return path.startsWith('/_emulator/wxpay/') || path.startsWith(`${SANDBOX_PREFIX}/`);
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function handleWxPayControl(req: IncomingMessage, res: ServerResponse, path: string, emulator: Emulator): Promise<void> {
  const raw = await readText(req);
  if (path.startsWith(`${SANDBOX_PREFIX}/`)) return payScoreSandboxFor(emulator).handle(req, res, raw);
  let body: Record<string, unknown> = {};
  try {
    body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return send(res, 400, { code: 'BAD_JSON', message: 'request body is not JSON' });
  }
  const simulator = cloudPaySimulatorFor(emulator);
  try {
    if (path === '/_emulator/wxpay/orders' && req.method === 'GET') return send(res, 200, { orders: simulator.list() });
    if (req.method !== 'POST') return send(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'use POST' });
    if (path === '/_emulator/wxpay/pay') {
      const outTradeNo = String(body.outTradeNo ?? '');
      const result = await simulator.pay(outTradeNo, {
        duplicates: body.duplicates as number | undefined,
        reportedFee: body.reportedFee as number | undefined,
        notify: body.notify as boolean | undefined,
      });
      return send(res, 200, { tradeState: result.order.tradeState, transactionId: result.order.transactionId, deliveries: result.deliveries });
    }
    if (path === '/_emulator/wxpay/pay-error') return send(res, 200, { tradeState: simulator.payError(String(body.outTradeNo ?? '')).tradeState });
    if (path === '/_emulator/wxpay/refund') {
      const status = body.status === 'CHANGE' ? 'CHANGE' : 'SUCCESS';
      return send(res, 200, { refunds: await simulator.completeRefund(body.outRefundNo ? String(body.outRefundNo) : undefined, status) });
    }
    if (path === '/_emulator/wxpay/payscore/confirm') {
      const result = payScoreSandboxFor(emulator).confirm(body);
      return result.ok
        ? send(res, 200, { outOrderNo: result.outOrderNo, state: result.state })
        : send(res, 400, { code: result.code, message: result.message });
    }
    if (path === '/_emulator/wxpay/payscore/collect')
      return send(res, 200, { notifyStatus: await payScoreSandboxFor(emulator).collect(String(body.outOrderNo ?? '')) });
    return send(res, 404, { code: 'NOT_FOUND', message: `unknown endpoint ${path}` });
  } catch (error) {
    const e = error as Error & { status?: number };
    return send(res, e.status ?? 500, { code: 'WXPAY_SIMULATOR_ERROR', message: e.message });
  }
}
