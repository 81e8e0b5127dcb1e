import { listMyStores } from '../../../services/admin';
import { listProducts, type ProductView } from '../../../services/cabinet';
import { ROUTES, withQuery } from '../../../../config/routes';
import { formatFen } from '../../../../utils/format';
import { errorState } from '../../../../utils/page-error';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';
import { can } from '../../../../utils/permissions';
import { loadSession } from '../../../../utils/session';

interface Row {
  productId: string;
  sku: string;
  title: string;
  description: string;
  price: string;
  onSale: boolean;
  statusText: string;
  imageUrl: string;
}

function toRow(p: ProductView): Row {
  return {
    productId: p.productId,
    sku: p.sku,
    title: p.name,
    description: `SKU ${p.sku}${p.barcode ? ` · 条码 ${p.barcode}` : ''}`,
    price: formatFen(p.priceFen),
    onSale: p.status === 'on_sale',
    statusText: p.statusText,
    imageUrl: p.imageUrl ?? '',
  };
}

const list = pagedList({
  key: 'rows',
  fetch: (page, pageNo, pageSize) => {
    const keyword = (page.data.keyword as string).trim();
    return listProducts({ storeId: page.data.storeId as string, page: pageNo, pageSize, ...(keyword ? { keyword } : {}) });
  },
  toRow,
  keepRowsWhileRefreshing: true,
});

/** 智能柜商品 (staff, `?storeId=` optional): one store's cabinet products; managers add and edit. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    storeId: '',
    stores: [] as { value: string; label: string }[],
    keyword: '',
    canEdit: false,
    rows: [] as Row[],
  },

  ...list,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ storeId: query.storeId ?? '' });
  },

  onShow() {
    void this.start();
  },

  /** The caller's stores become the tabs; the list is the chosen store's. */
  async start() {
    try {
      const [session, stores] = await Promise.all([loadSession(), listMyStores(1, 100)]);
      const tabs = stores.items.map((s) => ({ value: s._id, label: s.name }));
      const storeId = tabs.some((t) => t.value === this.data.storeId) ? this.data.storeId : (tabs[0]?.value ?? '');
      this.setData({ stores: tabs, storeId, canEdit: can(session.role, 'cabinet.saveProduct') });
      if (!storeId) {
        this.setData({ status: 'empty', rows: [] });
        return;
      }
      await this.refresh();
    } catch (error) {
      this.setData({ rows: [], ...errorState(error) });
    }
  },

  onStoreChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ storeId: event.detail.value, rows: [] });
    void this.refresh();
  },

  onSearch(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ keyword: event.detail.value ?? '', rows: [] });
    void this.refresh();
  },

  onOpen(event: WechatMiniprogram.TouchEvent<object, object, { sku: string }>) {
    if (!this.data.canEdit) return;
    wx.navigateTo({ url: withQuery(ROUTES.adminCabinetProduct, { storeId: this.data.storeId, sku: event.currentTarget.dataset.sku }) });
  },

  onAdd() {
    wx.navigateTo({ url: withQuery(ROUTES.adminCabinetProduct, { storeId: this.data.storeId }) });
  },
});
