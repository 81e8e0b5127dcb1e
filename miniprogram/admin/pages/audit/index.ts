import type { AuditLogView } from '../../services/admin';
import { listAuditLogs } from '../../services/admin';
import { PAGED_LIST_DATA, pagedList } from '../../../utils/paged-list';
import { formatDateTime } from '../../../utils/format';

interface Row extends AuditLogView {
  atText: string;
}

const list = pagedList({
  key: 'entries',
  fetch: (_page, pageNo, pageSize) => listAuditLogs(pageNo, pageSize),
  toRow: (entry: AuditLogView): Row => ({ ...entry, atText: formatDateTime(entry.at) }),
  rowId: (row: Row) => row._id,
});

/** 审计日志 (admins): every audited staff action, newest first. */
Page({
  data: { ...PAGED_LIST_DATA, entries: [] as Row[] },
  ...list,
  onLoad() {
    void this.refresh();
  },
  async onPullDownRefresh() {
    await this.refresh();
    wx.stopPullDownRefresh();
  },
  onReachBottom() {
    void this.loadMore();
  },
  onRetry() {
    void this.refresh();
  },
});
