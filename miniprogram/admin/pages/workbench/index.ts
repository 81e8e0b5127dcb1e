import type { StoreSummary } from '../../../../typings/api/stores';
import type { PageStatus } from '../../../components/page-state/index';
import { listMyStores } from '../../../services/admin';
import { errorMessage, isApiError } from '../../../services/errors';
import { toastError } from '../../../utils/feedback';
import { ADMIN_STORE_PAGE } from '../../../utils/features';
import { loadSession, ROLE_LABELS } from '../../../utils/session';

const PAGE_SIZE = 20;

/** Staff landing page (admin subpackage): who I am and the stores I manage. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    staffName: '',
    roleLabel: '',
    stores: [] as StoreSummary[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
  },

  onLoad() {
    void this.refresh();
  },

  onPullDownRefresh() {
    void this.refresh().then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    void this.loadMore();
  },

  onRetry() {
    void this.refresh();
  },

  async refresh() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const [session, result] = await Promise.all([loadSession(), listMyStores(1, PAGE_SIZE)]);
      this.setData({
        staffName: session.staff?.name ?? '',
        roleLabel: ROLE_LABELS[session.role],
        stores: result.items,
        total: result.total,
        page: 1,
        hasMore: result.hasMore,
        status: result.items.length ? 'ready' : 'empty',
      });
    } catch (error) {
      // Not staff (any more): retrying will not help.
      const forbidden = isApiError(error) && error.isForbidden;
      this.setData({ status: 'error', errorText: errorMessage(error), retryable: !forbidden });
    }
  },

  async loadMore() {
    if (!this.data.hasMore || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const result = await listMyStores(next, PAGE_SIZE);
      this.setData({ stores: [...this.data.stores, ...result.items], total: result.total, page: next, hasMore: result.hasMore });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ loadingMore: false });
    }
  },

  onPosTap() {
    wx.navigateTo({ url: '/admin/pages/pos/integrations/index' });
  },

  onStoreTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    wx.navigateTo({ url: `${ADMIN_STORE_PAGE}?storeId=${encodeURIComponent(e.currentTarget.dataset.id)}` });
  },
});
