import { listDeadLetters, replayDeadLetter, type WebhookEventView } from '../../../services/pos-interface';
import { formatDateTime } from '../../../../utils/format';
import { toast, toastError } from '../../../../utils/feedback';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';
import { EVENT_LABELS } from '../../../utils/pos-labels';

interface Row extends WebhookEventView {
  eventLabel: string;
  summary: string;
}

function toRow(record: WebhookEventView): Row {
  return {
    ...record,
    eventLabel: EVENT_LABELS[record.event] ?? record.event,
    summary: `${formatDateTime(record.deadAt ?? record.updatedAt)} · 已尝试 ${record.attempts} 次 · ${record.lastError ?? ''}`,
  };
}

const list = pagedList({
  key: 'items',
  fetch: (page, pageNo, pageSize) => {
    const integrationId = page.data.integrationId as string;
    return listDeadLetters({ page: pageNo, pageSize, ...(integrationId ? { integrationId } : {}) });
  },
  toRow,
});

/** Webhook events that used up their retries; staff replay them once the receiver is fixed. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    integrationId: '',
    items: [] as Row[],
    replaying: '',
  },

  ...list,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ integrationId: query.integrationId ?? '' });
    void this.refresh();
  },

  async onReplay(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (this.data.replaying) return;
    this.setData({ replaying: id });
    try {
      const result = await replayDeadLetter(id);
      if (result.status === 'delivered') {
        toast(this, '重放成功，已送达', 'success');
        const items = this.data.items.filter((r) => r._id !== id);
        this.setData({ items, total: this.data.total - 1, status: items.length ? 'ready' : 'empty' });
      } else {
        toast(this, `重放失败：${result.lastError ?? ''}，将按重试计划继续投递`, 'warning');
        void this.refresh();
      }
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ replaying: '' });
    }
  },
});
