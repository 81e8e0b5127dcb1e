import type { PageStatus } from '../../../components/page-state/index';
import { listOpenStores, resolveStore, type PublicStore } from '../../../services/stores';
import { errorState } from '../../../utils/page-error';
import { toastError } from '../../../utils/feedback';
import { currentStore, setCurrentStore } from '../../../utils/current-store';
import { TAB_ROUTES } from '../../../config/routes';

interface Row extends PublicStore {
  distanceText: string;
  hoursText: string;
}

function distanceText(metres: number | null): string {
  if (metres === null) return '';
  return metres < 1000 ? `${metres} 米` : `${(metres / 1000).toFixed(1)} 公里`;
}

/**
 * 选择门店: opened from 首页 (pick from the open stores, nearest first when the diner allows the
 * location) or by a scanned store code (`?code=`), which selects that store at once.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    stores: [] as Row[],
    currentId: '',
    located: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ currentId: currentStore().id });
    if (query.code) void this.selectByCode(query.code);
    else void this.load();
  },

  onRetry() {
    void this.load();
  },

  async selectByCode(code: string) {
    try {
      const store = await resolveStore(code);
      this.choose({ id: store._id, name: store.name });
    } catch (error) {
      toastError(this, error);
      void this.load();
    }
  },

  async location(): Promise<{ latitude: number; longitude: number } | undefined> {
    try {
      const { latitude, longitude } = await wx.getLocation({ type: 'gcj02' });
      return { latitude, longitude };
    } catch {
      // refused or unavailable: the list without distances
      return undefined;
    }
  },

  async load() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const where = await this.location();
      const { items } = await listOpenStores(where);
      const stores = items.map((store) => ({
        ...store,
        distanceText: distanceText(store.distanceM),
        hoursText: store.businessHours.map((h) => `${h.open}–${h.close}`).join('，'),
      }));
      this.setData({ stores, located: !!where, status: stores.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onPick(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const store = this.data.stores.find((s) => s._id === e.currentTarget.dataset.id);
    if (store) this.choose({ id: store._id, name: store.name });
  },

  choose(store: { id: string; name: string }) {
    setCurrentStore(store);
    wx.switchTab({ url: TAB_ROUTES.home });
  },
});
