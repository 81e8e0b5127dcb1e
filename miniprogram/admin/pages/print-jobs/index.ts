import type { PageStatus } from '../../../components/page-state/index';
import { toast, toastError } from '../../../utils/feedback';
import { formatDateTime, orderNumber } from '../../../utils/format';
import { PRINT_JOB_KIND_LABELS, PRINT_JOB_STATUS_LABELS } from '../../../utils/labels/ordering';
import { errorState } from '../../../utils/page-error';
import { listFailedPrintJobs, retryPrintJob, type PrintJobView } from '../../services/ordering';
import { pickStore } from '../../utils/store-pick';

const rowOf = (job: PrintJobView) => ({
  jobId: job.jobId,
  title: `${PRINT_JOB_KIND_LABELS[job.kind]}${job.reprint ? '（补打）' : ''} · 订单 ${orderNumber(job.orderId)}`,
  stateText: PRINT_JOB_STATUS_LABELS[job.status],
  meta: `${job.printerName} · 已尝试 ${job.attempts} 次 · ${job.updatedAtText || formatDateTime(job.updatedAt)}`,
  error: job.lastError,
});

/**
 * 打印失败 (`?storeId=`): kitchen tickets and receipts the cloud printers did not take after the
 * outbox's retries (dead letters) or still retrying, with 重新打印 (the same ticket text, once).
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    storeName: '',
    jobs: [] as ReturnType<typeof rowOf>[],
    retrying: '',
  },

  query: {} as Record<string, string | undefined>,

  onLoad(query: Record<string, string | undefined>) {
    this.query = query;
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    try {
      if (!this.data.storeId) {
        const store = await pickStore(this.query);
        if (!store) {
          this.setData({ status: 'error', errorText: '没有可管理的门店', retryable: false });
          return;
        }
        this.setData({ storeId: store.storeId, storeName: store.storeName });
      }
      const { items } = await listFailedPrintJobs(this.data.storeId);
      this.setData({ status: items.length ? 'ready' : 'empty', jobs: items.map(rowOf) });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  async onRetryJob(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    if (this.data.retrying) return;
    this.setData({ retrying: e.currentTarget.dataset.id });
    try {
      await retryPrintJob(this.data.storeId, e.currentTarget.dataset.id);
      toast(this, '已重新发送到打印机', 'success');
      await this.load();
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ retrying: '' });
    }
  },
});
