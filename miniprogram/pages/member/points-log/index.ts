import { listPointsLogs, type LedgerEntryView } from '../../../services/member';
import { dinerReason } from '../../../utils/format';
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
    time: entry.createdAtText,
    changeText: entry.change > 0 ? `+${entry.change}` : String(entry.change),
    positive: entry.change > 0,
    balanceText: `余额 ${entry.balanceAfter}`,
  };
}

const list = pagedList({ key: 'rows', fetch: (_page, pageNo, pageSize) => listPointsLogs(pageNo, pageSize), toRow: rowOf, rowId: (row) => row.id });

/** 积分明细: the points ledger, newest first, a page at a time. */
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
