import { listPointsLogs } from '../../../services/member';
import { ledgerRow, type LedgerRow } from '../../../utils/labels/member';
import { PAGED_LIST_DATA, pagedList } from '../../../utils/paged-list';

const list = pagedList({
  key: 'rows',
  fetch: (_page, pageNo, pageSize) => listPointsLogs(pageNo, pageSize),
  toRow: (entry) => ledgerRow(entry),
  rowId: (row) => row.id,
});

/** 积分明细: the points ledger, newest first, a page at a time. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    rows: [] as LedgerRow[],
  },

  ...list,

  onLoad() {
    void this.refresh();
  },
});
