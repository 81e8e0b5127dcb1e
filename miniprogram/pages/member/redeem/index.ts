import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage, isApiError } from '../../../services/errors';
import { getProfile, listMyRedemptions, listRewards, newIdempotencyKey, redeemReward, type RedemptionView, type RewardView } from '../../../services/member';
import { toastError } from '../../../utils/feedback';
import { REDEMPTION_STATUS_LABELS } from '../../../utils/labels/member';

/** The member context's "not enough points" code (cloudfunctions/shared/members/errors.ts). */
const INSUFFICIENT_POINTS = 40960;

type RewardRow = RewardView & { detail: string; affordable: boolean };
type RedemptionRow = RedemptionView & { statusLabel: string; detail: string };

function rewardRows(rewards: RewardView[], balance: number): RewardRow[] {
  return rewards.map((reward) => ({
    ...reward,
    detail: `${reward.pointsCost} 积分 · ${reward.stock > 0 ? `剩余 ${reward.stock}` : '已兑完'}${reward.description ? ` · ${reward.description}` : ''}`,
    affordable: reward.stock > 0 && reward.pointsCost <= balance,
  }));
}

function redemptionRows(items: RedemptionView[]): RedemptionRow[] {
  return items.map((item) => ({
    ...item,
    statusLabel: REDEMPTION_STATUS_LABELS[item.status],
    detail: `兑换码 ${item.code} · ${item.createdAtText}`,
  }));
}

/**
 * 积分兑换: the reward catalogue (what a diner gets for points, how many are left), a confirmation,
 * then the redemption code to show at the counter; below, the diner's redemptions with their codes.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    balance: 0,
    rewards: [] as RewardRow[],
    redemptions: [] as RedemptionRow[],
    formError: '',
    confirmVisible: false,
    confirmText: '',
    submitting: false,
    done: false,
    doneText: '',
    doneCode: '',
  },

  /** One key per confirmed intent; kept when the same intent is retried after a network error. */
  pendingKey: '' as string,
  pendingRewardId: '' as string,

  onLoad() {
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const [profile, rewards, mine] = await Promise.all([getProfile(), listRewards(), listMyRedemptions(1, 20)]);
      this.setData({
        balance: profile.points,
        rewards: rewardRows(rewards, profile.points),
        redemptions: redemptionRows(mine.items),
        status: 'ready',
      });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  onPickReward(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { rewardId: string }>) {
    const reward = this.data.rewards.find((r) => r.rewardId === e.currentTarget.dataset.rewardId);
    if (!reward) return;
    if (reward.stock <= 0) {
      this.setData({ formError: `「${reward.name}」已兑完` });
      return;
    }
    if (reward.pointsCost > this.data.balance) {
      this.setData({ formError: `积分不足：兑换「${reward.name}」需要 ${reward.pointsCost}，当前可用 ${this.data.balance}` });
      return;
    }
    if (this.pendingRewardId !== reward.rewardId) this.pendingKey = '';
    this.pendingRewardId = reward.rewardId;
    this.setData({ formError: '', confirmVisible: true, confirmText: `确认使用 ${reward.pointsCost} 积分兑换「${reward.name}」？兑换后不可撤销。` });
  },

  onCancelConfirm() {
    this.setData({ confirmVisible: false });
  },

  async onConfirm() {
    const rewardId = this.pendingRewardId;
    if (!rewardId) return;
    this.pendingKey ||= newIdempotencyKey('reward');
    this.setData({ confirmVisible: false, submitting: true });
    try {
      const result = await redeemReward(rewardId, this.pendingKey);
      this.pendingKey = '';
      this.pendingRewardId = '';
      this.setData({
        balance: result.balanceAfter,
        done: true,
        doneCode: result.redemption.code,
        doneText: `已兑换「${result.redemption.rewardName}」，使用 ${result.redemption.points} 积分，剩余 ${result.balanceAfter}。到店出示兑换码给店员核销。`,
      });
      await this.refreshLists(result.balanceAfter);
    } catch (error) {
      if (isApiError(error) && error.code === INSUFFICIENT_POINTS) {
        // The balance moved (another device, a refund): show the real one.
        this.pendingKey = '';
        const balance = typeof error.details?.balance === 'number' ? error.details.balance : this.data.balance;
        this.setData({ balance, rewards: rewardRows(this.data.rewards, balance), formError: error.message });
      } else if (isApiError(error) && error.code >= 40000 && error.code < 50000) {
        this.pendingKey = '';
        this.setData({ formError: error.message });
        await this.refreshLists(this.data.balance);
      } else {
        toastError(this, error);
      }
    } finally {
      this.setData({ submitting: false });
    }
  },

  /** Stock and the redemption list after a redemption (best effort: the result is already shown). */
  async refreshLists(balance: number) {
    try {
      const [rewards, mine] = await Promise.all([listRewards(), listMyRedemptions(1, 20)]);
      this.setData({ rewards: rewardRows(rewards, balance), redemptions: redemptionRows(mine.items) });
    } catch {
      // keep what is shown
    }
  },

  onAgain() {
    this.setData({ done: false, formError: '', doneCode: '' });
  },

  onBack() {
    wx.navigateBack();
  },
});
