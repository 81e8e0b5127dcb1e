import { listTicketLogs, type LedgerEntryView } from '../../../services/member';
import { dinerReason, formatCount, formatDateTime } from '../../../utils/format';
import { PAGED_LIST_DATA, pagedList } from '../../../utils/paged-list';

interface Row {
  id: string;
  reason: string;
  time: string;
  changeText: string;
  positive: boolean;
  balanceText: string;
}

function rowOf(entry: LedgerEntryView): Row {
  return {
    id: entry.id,
    reason: dinerReason(entry.reason),
    time: formatDateTime(entry.createdAt),
    changeText: `${entry.change > 0 ? '+' : '-'}${formatCount(Math.abs(entry.change))} 张`,
    positive: entry.change > 0,
    balanceText: `余额 ${formatCount(entry.balanceAfter)} 张`,
  };
}

const list = pagedList({ key: 'rows', fetch: (_page, pageNo, pageSize) => listTicketLogs(pageNo, pageSize), toRow: rowOf, rowId: (row) => row.id });

/** 礼票明细 (diners): the gift-ticket ledger (member.listTicketLogs), newest first, a page at a time. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    rows: [] as Row[],
  },

  ...list,

  onLoad() {
    void this.refresh();
  },
});
