import { listTicketLogs } from '../../../services/member';
import { ledgerRow, type LedgerRow } from '../../../utils/labels/member';
import { PAGED_LIST_DATA, pagedList } from '../../../utils/paged-list';

const list = pagedList({
  key: 'rows',
  fetch: (_page, pageNo, pageSize) => listTicketLogs(pageNo, pageSize),
  toRow: (entry) => ledgerRow(entry, '张'),
  rowId: (row) => row.id,
});

/** 礼票明细 (diners): the gift-ticket ledger (member.listTicketLogs), newest first, a page at a time. */
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
