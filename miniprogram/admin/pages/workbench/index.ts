import type { StoreSummary } from '../../services/admin';
import { listMyStores } from '../../services/admin';
import { ROUTES, withQuery } from '../../../config/routes';
import { PAGED_LIST_DATA, pagedList } from '../../../utils/paged-list';
import { ROLE_LABELS } from '../../../utils/labels/member';
import { loadSession } from '../../../utils/session';

const list = pagedList({
  key: 'stores',
  // The first page comes with who the staff member is; a refused session (not staff) fails the page.
  fetch: async (page, pageNo, pageSize) => {
    if (pageNo > 1) return listMyStores(pageNo, pageSize);
    const [session, stores] = await Promise.all([loadSession(), listMyStores(1, pageSize)]);
    page.setData({ staffName: session.staff?.name ?? '', roleLabel: ROLE_LABELS[session.role] });
    return stores;
  },
  toRow: (store: StoreSummary) => store,
});

/** Staff landing page (admin subpackage): who I am and the stores I manage. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    staffName: '',
    roleLabel: '',
    stores: [] as StoreSummary[],
  },

  ...list,

  onLoad() {
    void this.refresh();
  },

  onPosTap() {
    wx.navigateTo({ url: ROUTES.posIntegrations });
  },

  onPaymentsTap() {
    wx.navigateTo({ url: ROUTES.adminPayments });
  },

  onMembersTap() {
    wx.navigateTo({ url: ROUTES.adminMemberLookup });
  },

  onStoreTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    wx.navigateTo({ url: withQuery(ROUTES.adminStore, { storeId: e.currentTarget.dataset.id }) });
  },
});
