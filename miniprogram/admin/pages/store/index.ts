import type { StoreDetail } from '../../services/admin';
import type { PageStatus } from '../../../components/page-state/index';
import { getStore } from '../../services/admin';
import { storeStatusLabel } from '../../../utils/labels/admin';
import { errorState } from '../../../utils/page-error';
import { queryId } from '../../utils/query-id';

/** One store's facts for staff; opened from 工作台 with `?storeId=`. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    store: null as StoreDetail | null,
    statusLabel: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    if (queryId(this, query, 'storeId', '门店')) void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const store = await getStore(this.data.storeId);
      this.setData({ store, statusLabel: storeStatusLabel(store.status), status: 'ready' });
      wx.setNavigationBarTitle({ title: store.name });
    } catch (error) {
      this.setData(errorState(error));
    }
  },
});
