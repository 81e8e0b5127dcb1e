import { listPrintJobs, newReprintRequestId, reprintOrder, retryPrintJob, type PrintJobView } from '../../../services/printing';
import { toast, toastError } from '../../../../utils/feedback';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';
import { loadSession } from '../../../../utils/session';
import { can } from '../../../../utils/permissions';
import { PRINT_JOB_KIND_LABELS } from '../../../../utils/labels/printing';

interface Row extends PrintJobView {
  title: string;
  summary: string;
}

function toRow(job: PrintJobView): Row {
  return {
    ...job,
    title: `${job.printerName} · ${PRINT_JOB_KIND_LABELS[job.kind]}${job.reprint ? '（补打）' : ''}`,
    summary: `${job.updatedAtText} · 已尝试 ${job.attempts} 次 · ${job.lastError || '原因未知'}`,
  };
}

const list = pagedList({
  key: 'items',
  fetch: (page, pageNo, pageSize) => listPrintJobs(page.data.storeId as string, pageNo, pageSize),
  toRow,
});

/**
 * 打印失败: kitchen tickets and receipts the cloud printer did not take after every retry. Staff
 * fix the printer (paper, network) and retry the same ticket, or reprint the whole order (补打).
 * `?storeId=`; without it the staff member's first store.
 */
Page({
  data: {
    ...PAGED_LIST_DATA,
    storeId: '',
    items: [] as Row[],
    busy: '',
    canRetry: false,
    canReprint: false,
  },

  ...list,

  async onLoad(query: Record<string, string | undefined>) {
    try {
      const session = await loadSession();
      const storeId = query.storeId || session.staff?.storeIds[0] || '';
      this.setData({ storeId, canRetry: can(session.role, 'ordering.retryPrintJob'), canReprint: can(session.role, 'ordering.reprintOrder') });
    } catch (error) {
      toastError(this, error);
    }
    void this.refresh();
  },

  async onRetryJob(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const jobId = e.currentTarget.dataset.id;
    if (this.data.busy) return;
    this.setData({ busy: jobId });
    try {
      const job = await retryPrintJob(this.data.storeId, jobId);
      if (job.status === 'delivered') {
        toast(this, '已重新打印', 'success');
        const items = this.data.items.filter((r) => r.jobId !== jobId);
        this.setData({ items, total: this.data.total - 1, status: items.length ? 'ready' : 'empty' });
      } else {
        toast(this, `打印仍失败：${job.lastError}`, 'warning');
        void this.refresh();
      }
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busy: '' });
    }
  },

  async onReprint(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string; order: string }>) {
    const { id, order } = e.currentTarget.dataset;
    if (this.data.busy) return;
    this.setData({ busy: id });
    try {
      const { jobs } = await reprintOrder(this.data.storeId, order, newReprintRequestId());
      const printed = jobs.filter((j) => j.status === 'delivered').length;
      toast(
        this,
        printed === jobs.length ? `已补打 ${printed} 张` : `补打 ${jobs.length} 张，${jobs.length - printed} 张未打出`,
        printed === jobs.length ? 'success' : 'warning',
      );
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busy: '' });
    }
  },
});
