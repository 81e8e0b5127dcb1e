import type { PageStatus } from '../../../../components/page-state/index';
import { ROUTES } from '../../../../config/routes';
import { isApiError } from '../../../../services/errors';
import { listMyStores } from '../../../services/admin';
import { errorState } from '../../../../utils/page-error';
import { adjustPoints, lookupMemberByPhone, newIdempotencyKey, topUpTickets, type MemberStaffView } from '../../../../services/member';
import { toast, toastError } from '../../../../utils/feedback';

type Operation = 'adjust' | 'topup';

const MOBILE = /^1[3-9]\d{9}$/;

interface StoreChoice {
  storeId: string;
  name: string;
}

/**
 * Staff: find a member by the phone they give, then adjust points (±, with a reason) or top up
 * gift tickets for one of their stores. Both are audited server-side with the store, within the
 * store's limits; the phone is only ever shown masked here.
 */
Page({
  data: {
    stores: [] as StoreChoice[],
    storeId: '',
    storeName: '',
    phoneInput: '',
    status: 'empty' as PageStatus,
    errorText: '',
    retryable: true,
    member: null as MemberStaffView | null,
    operation: '' as Operation | '',
    amountInput: '',
    reasonInput: '',
    formError: '',
    confirmVisible: false,
    confirmText: '',
    submitting: false,
  },

  /** idempotency key of the confirmed operation, reused if it is retried */
  pendingKey: '' as string,

  /** the store list request: a submit made before it answered waits for it */
  storesReady: null as Promise<void> | null,

  onLoad() {
    this.storesReady = this.loadStores();
  },

  /** The operator's stores (admins: all); a single store is chosen for them. */
  async loadStores() {
    try {
      const { items } = await listMyStores(1, 100);
      const stores = items.map((store) => ({ storeId: store._id, name: store.name }));
      this.setData({ stores, ...(stores.length === 1 ? { storeId: stores[0].storeId, storeName: stores[0].name } : {}) });
    } catch {
      // not staff, or offline: the search shows the server's own answer
    }
  },

  onPickStore(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { storeId: string }>) {
    const picked = this.data.stores.find((store) => store.storeId === e.currentTarget.dataset.storeId);
    if (!picked) return;
    this.pendingKey = '';
    this.setData({ storeId: picked.storeId, storeName: picked.name, formError: '' });
  },

  onOpenVerify() {
    wx.navigateTo({ url: ROUTES.adminRedemptionVerify });
  },

  onPhoneChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ phoneInput: e.detail.value });
  },

  async onSearch() {
    const phone = this.data.phoneInput.trim();
    if (!MOBILE.test(phone)) {
      toast(this, '请输入 11 位手机号', 'warning');
      return;
    }
    this.setData({ status: 'loading', errorText: '', member: null, operation: '' });
    try {
      this.setData({ member: await lookupMemberByPhone(phone), status: 'ready' });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onRetry() {
    void this.onSearch();
  },

  onStartOperation(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { operation: Operation }>) {
    this.pendingKey = '';
    this.setData({ operation: e.currentTarget.dataset.operation, amountInput: '', reasonInput: '', formError: '' });
  },

  onAmountChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.pendingKey = '';
    this.setData({ amountInput: e.detail.value, formError: '' });
  },

  onReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.pendingKey = '';
    this.setData({ reasonInput: e.detail.value, formError: '' });
  },

  async onSubmit() {
    const amount = Number(this.data.amountInput);
    const reason = this.data.reasonInput.trim();
    const adjusting = this.data.operation === 'adjust';
    if (!Number.isInteger(amount) || amount === 0 || (!adjusting && amount < 0)) {
      this.setData({ formError: adjusting ? '请输入非 0 整数（负数为扣减）' : '请输入正整数张数' });
      return;
    }
    if (!reason) {
      this.setData({ formError: '请填写原因（将记入审计日志）' });
      return;
    }
    await this.storesReady;
    if (!this.data.storeId) {
      this.setData({ formError: '请先选择为哪家门店操作' });
      return;
    }
    const name = this.data.member?.nickname || this.data.member?.phoneMasked || '该会员';
    const what = adjusting ? `${amount > 0 ? '增加' : '扣减'} ${Math.abs(amount)} 积分` : `充值 ${amount} 张礼票`;
    this.setData({ confirmVisible: true, confirmText: `为 ${name} ${what}，原因：${reason}（门店：${this.data.storeName}）` });
  },

  onCancelConfirm() {
    this.setData({ confirmVisible: false });
  },

  async onConfirm() {
    const member = this.data.member;
    const storeId = this.data.storeId;
    if (!member || !storeId) return;
    const amount = Number(this.data.amountInput);
    const reason = this.data.reasonInput.trim();
    const adjusting = this.data.operation === 'adjust';
    this.pendingKey ||= newIdempotencyKey(adjusting ? 'adjust' : 'topup');
    this.setData({ confirmVisible: false, submitting: true });
    try {
      const result = adjusting
        ? await adjustPoints({ openid: member.openid, storeId, points: amount, reason, idempotencyKey: this.pendingKey })
        : await topUpTickets({ openid: member.openid, storeId, tickets: amount, reason, idempotencyKey: this.pendingKey });
      this.pendingKey = '';
      const updated = adjusting ? { ...member, points: result.balanceAfter } : { ...member, tickets: result.balanceAfter };
      this.setData({ member: updated, operation: '' });
      toast(this, adjusting ? `积分已调整，余额 ${result.balanceAfter}` : `礼票已充值，余额 ${result.balanceAfter}`, 'success');
    } catch (error) {
      if (isApiError(error) && error.code >= 40000 && error.code < 50000) {
        this.pendingKey = '';
        this.setData({ formError: error.message });
      } else toastError(this, error);
    } finally {
      this.setData({ submitting: false });
    }
  },
});
