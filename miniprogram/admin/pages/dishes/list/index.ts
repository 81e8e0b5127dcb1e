import type { PageStatus } from '../../../../components/page-state/index';
import { ROUTES, withQuery } from '../../../../config/routes';
import { toast, toastError } from '../../../../utils/feedback';
import { formatFen } from '../../../../utils/format';
import { carbonLine } from '../../../../utils/labels/ordering';
import { errorState } from '../../../../utils/page-error';
import { can } from '../../../../utils/permissions';
import { loadSession } from '../../../../utils/session';
import { listCategories, listDishes, setDishSoldOut, type DishView } from '../../../services/ordering';
import { pickStore } from '../../../utils/store-pick';

interface DishRow {
  dishId: string;
  name: string;
  line: string;
  soldOut: boolean;
}

function dishRow(dish: DishView): DishRow {
  const price = `${formatFen(dish.priceFen)}${dish.soldByWeight ? (dish.weightUnit === 'jin' ? '/斤' : '/公斤') : ''}`;
  return { dishId: dish._id, name: dish.name, line: `${price} · ${carbonLine(dish.carbon)}`, soldOut: dish.soldOut };
}

/**
 * 菜品管理 (`?storeId=`): the store's dishes by category with price and carbon (or 待计算 and why),
 * a sold-out switch for every staff member, and 新增 / 编辑 for managers (the contract's roles).
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    storeName: '',
    canEdit: false,
    groups: [] as { categoryId: string; title: string; dishes: DishRow[] }[],
  },

  query: {} as Record<string, string | undefined>,
  shown: false,

  onLoad(query: Record<string, string | undefined>) {
    this.query = query;
    this.shown = false;
  },

  onShow() {
    // back from 编辑: the list reads again (the carbon may have changed)
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    try {
      if (!this.data.storeId) {
        const [store, session] = await Promise.all([pickStore(this.query), loadSession()]);
        if (!store) {
          this.setData({ status: 'error', errorText: '没有可管理的门店', retryable: false });
          return;
        }
        this.setData({ storeId: store.storeId, storeName: store.storeName, canEdit: can(session.role, 'ordering.saveDish') });
      }
      const [categories, dishes] = await Promise.all([listCategories(this.data.storeId), listDishes(this.data.storeId)]);
      const groups = [...categories]
        .sort((a, b) => a.displayOrder - b.displayOrder)
        .map((category) => ({
          categoryId: category._id,
          title: category.name,
          dishes: dishes.items.filter((dish) => dish.categoryId === category._id).map(dishRow),
        }))
        .filter((group) => group.dishes.length > 0);
      const orphans = dishes.items.filter((dish) => !categories.some((category) => category._id === dish.categoryId));
      if (orphans.length) groups.push({ categoryId: '', title: '未分类', dishes: orphans.map(dishRow) });
      this.setData({ status: groups.length ? 'ready' : 'empty', groups });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  noop() {
    // the switch's area does not open the editor
  },

  onCreate() {
    wx.navigateTo({ url: withQuery(ROUTES.adminDishEdit, { storeId: this.data.storeId }) });
  },

  onDishTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    if (!this.data.canEdit) return;
    wx.navigateTo({ url: withQuery(ROUTES.adminDishEdit, { storeId: this.data.storeId, dishId: e.currentTarget.dataset.id }) });
  },

  async onSoldOutChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }, WechatMiniprogram.IAnyObject, { id: string }>) {
    const soldOut = !e.detail.value;
    try {
      const dish = await setDishSoldOut(this.data.storeId, e.currentTarget.dataset.id, soldOut);
      toast(this, soldOut ? `${dish.name} 已售罄` : `${dish.name} 恢复在售`, 'success');
    } catch (error) {
      toastError(this, error);
    }
    await this.load();
  },
});
