import { orderingContract } from '../../../../typings/api/ordering';
import { appendAudit } from '../../../shared/audit/audit-log';
import { implement, type StaffActionContext } from '../../../shared/kit';
import { grantStoreLive } from '../application/live-access';
import { listPrintJobsOf, readPrinterSettings, reprintOrderTickets, retryDeadPrintJob, writePrinterSettings } from '../printing/application/staff';
import { toPrinterSettingsView, toPrintJobView } from '../printing/domain/views';

const { actions } = orderingContract;

async function audit(ctx: StaffActionContext, action: string, target: { type: string; id: string; storeId: string }, summary: string): Promise<void> {
  const { staff } = ctx;
  await appendAudit({
    actor: { openid: staff.openid, name: staff.name, role: staff.role },
    action,
    target: { type: target.type, id: target.id },
    storeId: target.storeId,
    summary,
    requestId: ctx.requestId,
  });
}

/** 后厨看板: a live grant for the store before watching its orders. */
export const startLiveView = implement(actions.startLiveView, async (input, ctx) => grantStoreLive(ctx.staff.openid, input.storeId));

export const getPrinterSettings = implement(actions.getPrinterSettings, async (input) =>
  toPrinterSettingsView(input.storeId, await readPrinterSettings(input.storeId)),
);

export const savePrinterSettings = implement(actions.savePrinterSettings, async (input, ctx) => {
  const saved = await writePrinterSettings(input.storeId, input, ctx.staff.openid);
  // never the UKEY: only whether it changed
  await audit(
    ctx,
    'ordering.printers.save',
    { type: 'store_printers', id: input.storeId, storeId: input.storeId },
    `保存云打印机设置：${input.printers.length} 台${input.feieUkey ? '，更换了 UKEY' : ''}`,
  );
  return toPrinterSettingsView(input.storeId, saved);
});

export const listPrintJobs = implement(actions.listPrintJobs, async (input) => {
  const page = await listPrintJobsOf(input.storeId, { status: input.status, orderId: input.orderId }, input.page, input.pageSize);
  return { ...page, items: page.items.map(toPrintJobView) };
});

export const retryPrintJob = implement(actions.retryPrintJob, async (input, ctx) => {
  const job = await retryDeadPrintJob(input.storeId, input.jobId);
  await audit(
    ctx,
    'ordering.print.retry',
    { type: 'print_job', id: job._id, storeId: input.storeId },
    `重试打印失败的小票（${job.printerName}），结果：${job.status}`,
  );
  return toPrintJobView(job);
});

export const reprintOrder = implement(actions.reprintOrder, async (input, ctx) => {
  const jobs = await reprintOrderTickets(input.storeId, input.orderId, input.requestId, input.batchId);
  await audit(ctx, 'ordering.print.reprint', { type: 'order', id: input.orderId, storeId: input.storeId }, `补打后厨单 ${jobs.length} 张`);
  return { jobs: jobs.map(toPrintJobView) };
});
