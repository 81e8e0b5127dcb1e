import { isApiError } from '../../../../services/errors';
import { verifyRedemption, type RedemptionView } from '../../../../services/member';
import { toast, toastError } from '../../../../utils/feedback';
import { REDEMPTION_STATUS_LABELS } from '../../../../utils/labels/member';
import { listMyStores } from '../../../services/admin';

interface StoreChoice {
  storeId: string;
  name: string;
}

/** Redemption codes as the backend issues them: 10 letters/digits without look-alikes. */
const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/;

/**
 * Staff at the counter: the diner shows the code of a reward redeemed with points; staff pick
 * the store they work at, enter the code and hand the reward over. Verified once, audited.
 */
Page({
  data: {
    stores: [] as StoreChoice[],
    storeId: '',
    storeName: '',
    codeInput: '',
    formError: '',
    submitting: false,
    verified: null as (RedemptionView & { statusLabel: string }) | null,
  },

  /** the store list request: a submit made before it answered waits for it */
  storesReady: null as Promise<void> | null,

  onLoad() {
    this.storesReady = this.loadStores();
  },

  async loadStores() {
    try {
      const { items } = await listMyStores(1, 100);
      const stores = items.map((store) => ({ storeId: store._id, name: store.name }));
      this.setData({ stores, ...(stores.length === 1 ? { storeId: stores[0].storeId, storeName: stores[0].name } : {}) });
    } catch (error) {
      this.setData({ formError: isApiError(error) ? error.message : '门店列表加载失败' });
    }
  },

  onPickStore(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { storeId: string }>) {
    const picked = this.data.stores.find((store) => store.storeId === e.currentTarget.dataset.storeId);
    if (picked) this.setData({ storeId: picked.storeId, storeName: picked.name, formError: '' });
  },

  onCodeChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ codeInput: e.detail.value, formError: '' });
  },

  async onVerify() {
    const code = this.data.codeInput.trim().toUpperCase();
    if (!CODE.test(code)) {
      this.setData({ formError: '兑换码是 10 位字母或数字' });
      return;
    }
    await this.storesReady;
    if (!this.data.storeId) {
      this.setData({ formError: '请先选择核销门店' });
      return;
    }
    this.setData({ submitting: true, formError: '', verified: null });
    try {
      const verified = await verifyRedemption(code, this.data.storeId);
      this.setData({ verified: { ...verified, statusLabel: REDEMPTION_STATUS_LABELS[verified.status] }, codeInput: '' });
      toast(this, `已核销：${verified.rewardName}`, 'success');
    } catch (error) {
      // refusals (already verified, other store, unknown code) are the answer, shown by the form
      if (isApiError(error) && error.code >= 40000 && error.code < 50000) this.setData({ formError: error.message });
      else toastError(this, error);
    } finally {
      this.setData({ submitting: false });
    }
  },
});
