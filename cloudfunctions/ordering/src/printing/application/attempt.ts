import { masterKeyFromEnv, open } from '../../../../shared/domain/secret-box';
import { outboundRequestLog } from '../../../../shared/integration/exchange-log';
import type { AttemptOutcome } from '../../../../shared/integration/outbox/attempt';
import { printerAdapter } from '../adapters/registry';
import type { PrintResult } from '../adapters/port';
import { nextPrintRetryDelayMs } from '../domain/retry';
import type { PrintJobRecord, PrintTarget } from '../domain/types';
import type { PrintLogKind } from '../repositories/print-repository';

const MAX_ERROR_CHARS = 300;

/** The sealed UKEY is bound to its store (AAD), so a copied record does not open for another. */
export function feieKeyAad(storeId: string): string {
  return `feie:${storeId}`;
}

function openKey(target: PrintTarget): { key?: string; error?: string; permanent?: boolean } {
  if (!target.account) return { error: '门店未配置打印机账号（飞鹅 USER / UKEY）', permanent: true };
  try {
    return { key: open(target.account.ukey, masterKeyFromEnv(), feieKeyAad(target.storeId)) };
  } catch (error) {
    if (/SECRETS_MASTER_KEY/.test((error as Error).message)) return { error: '平台密钥配置错误，无法签名', permanent: false };
    return { error: '打印机密钥无法解密（主密钥已更换或记录损坏），请重新保存打印机设置后重试', permanent: true };
  }
}

/**
 * One print attempt of a job already claimed (its `attempts` counts this one), through the
 * printer's vendor adapter. Never throws. Success → delivered; a failure → pending with the
 * outbox's backoff, or dead after the last attempt or when retrying cannot help.
 */
export async function attemptPrint(
  record: PrintJobRecord,
  target: PrintTarget | null,
  timeoutMs: number,
  random: () => number = Math.random,
): Promise<AttemptOutcome<PrintJobRecord, PrintLogKind>> {
  const started = new Date();
  let result: PrintResult;
  const printer = target?.printer;
  if (!target || !printer) {
    result = { ok: false, status: 0, error: '打印机已从门店设置中删除', permanent: true, durationMs: 0, digest: '' };
  } else if (!printer.enabled) {
    result = { ok: false, status: 0, error: '打印机已停用', durationMs: 0, digest: '' };
  } else {
    const adapter = printerAdapter(printer.vendor);
    const key = openKey(target);
    if (!adapter) result = { ok: false, status: 0, error: `不支持的打印机厂商 ${printer.vendor}`, permanent: true, durationMs: 0, digest: '' };
    else if (key.key === undefined) result = { ok: false, status: 0, error: key.error, permanent: key.permanent, durationMs: 0, digest: '' };
    else {
      result = await adapter.print({
        sn: printer.sn,
        content: record.content,
        copies: record.copies,
        account: { user: target.account!.user, key: key.key },
        timeoutMs,
      });
    }
  }
  const finished = new Date();
  const log = outboundRequestLog<PrintLogKind>({
    integrationId: record.integrationId,
    storeId: record.storeId,
    kind: record.event === 'receipt' ? 'print.receipt' : 'print.kitchen',
    requestId: record._id,
    ok: result.ok,
    httpStatus: result.status,
    ...(result.error ? { error: result.error } : {}),
    durationMs: result.durationMs,
    payloadDigest: result.digest,
    meta: { jobId: record._id, orderId: record.orderId, printerId: record.printerId, attempt: record.attempts },
    createdAt: finished,
  });
  const common = { lastAttemptAt: started, lastStatus: result.status, leaseUntil: finished, updatedAt: finished };
  if (result.ok) {
    return {
      delivered: true,
      log,
      patch: { ...common, status: 'delivered', deliveredAt: finished, lastError: '', ...(result.vendorOrderId ? { vendorOrderId: result.vendorOrderId } : {}) },
    };
  }
  const lastError = (result.error ?? '打印失败').slice(0, MAX_ERROR_CHARS);
  const delay = result.permanent ? null : nextPrintRetryDelayMs(record.attempts - (record.scheduleStart ?? 0), random);
  if (delay === null) return { delivered: false, log, patch: { ...common, status: 'dead', deadAt: finished, lastError } };
  return { delivered: false, log, patch: { ...common, status: 'pending', nextAttemptAt: new Date(finished.getTime() + delay), lastError } };
}
