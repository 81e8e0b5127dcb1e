import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage, isApiError } from '../../../services/errors';
import { getProfile, newIdempotencyKey, redeemPoints } from '../../../services/member';
import { toastError } from '../../../utils/feedback';

/** The member context's "not enough points" code (cloudfunctions/shared/members/errors.ts). */
const INSUFFICIENT_POINTS = 40960;

/** 积分兑换 (seed 003 /redeem): choose points and a purpose, confirm, never overdraw. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    balance: 0,
    pointsInput: '',
    reasonInput: '',
    formError: '',
    confirmVisible: false,
    confirmText: '',
    submitting: false,
    done: false,
    doneText: '',
  },

  /** One key per confirmed intent; kept when the same intent is retried after a network error. */
  pendingKey: '' as string,

  onLoad() {
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const profile = await getProfile();
      this.setData({ balance: profile.points, status: 'ready' });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  onPointsChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ pointsInput: e.detail.value, formError: '' });
    this.pendingKey = '';
  },

  onReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ reasonInput: e.detail.value, formError: '' });
    this.pendingKey = '';
  },

  onSubmit() {
    const points = Number(this.data.pointsInput);
    if (!Number.isInteger(points) || points <= 0) {
      this.setData({ formError: '请输入要兑换的积分（正整数）' });
      return;
    }
    if (points > this.data.balance) {
      this.setData({ formError: `积分不足：当前可用 ${this.data.balance}` });
      return;
    }
    const reason = this.data.reasonInput.trim() || '积分兑换';
    this.setData({ confirmVisible: true, confirmText: `确认使用 ${points} 积分兑换「${reason}」？兑换后不可撤销。` });
  },

  onCancelConfirm() {
    this.setData({ confirmVisible: false });
  },

  async onConfirm() {
    const points = Number(this.data.pointsInput);
    const reason = this.data.reasonInput.trim() || '积分兑换';
    this.pendingKey ||= newIdempotencyKey('redeem');
    this.setData({ confirmVisible: false, submitting: true });
    try {
      const result = await redeemPoints({ points, reason, idempotencyKey: this.pendingKey });
      this.pendingKey = '';
      this.setData({ balance: result.balanceAfter, done: true, doneText: `已兑换 ${-result.change} 积分，剩余 ${result.balanceAfter}` });
    } catch (error) {
      if (isApiError(error) && error.code === INSUFFICIENT_POINTS) {
        // The balance moved (another device, a refund): show the real one.
        this.pendingKey = '';
        const balance = typeof error.details?.balance === 'number' ? error.details.balance : this.data.balance;
        this.setData({ balance, formError: error.message });
      } else {
        toastError(this, error);
      }
    } finally {
      this.setData({ submitting: false });
    }
  },

  onAgain() {
    this.setData({ done: false, pointsInput: '', reasonInput: '', formError: '' });
  },

  onBack() {
    wx.navigateBack();
  },
});
