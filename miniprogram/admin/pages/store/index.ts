import type { StoreDetail } from '../../services/admin';
import type { PageStatus } from '../../../components/page-state/index';
import { getStore } from '../../services/admin';
import { storeStatusLabel } from '../../../utils/labels/admin';
import { errorState } from '../../../utils/page-error';
import { queryId } from '../../utils/query-id';
import { loadSession } from '../../../utils/session';
import { can } from '../../../utils/permissions';
import { ROUTES, withQuery } from '../../../config/routes';

/** One store's facts for staff; opened from 工作台 with `?storeId=`. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    store: null as StoreDetail | null,
    statusLabel: '',
    canEdit: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    if (queryId(this, query, 'storeId', '门店')) void this.load();
  },

  onRetry() {
    void this.load();
  },

  onEdit() {
    wx.navigateTo({ url: withQuery(ROUTES.adminStoreEdit, { storeId: this.data.storeId }) });
  },

  async load() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const [store, session] = await Promise.all([getStore(this.data.storeId), loadSession()]);
      this.setData({ store, statusLabel: storeStatusLabel(store.status), canEdit: can(session.role, 'admin.updateStore'), status: 'ready' });
      wx.setNavigationBarTitle({ title: store.name });
    } catch (error) {
      this.setData(errorState(error));
    }
  },
});
