import { memberContract } from '../../../../typings/api/member';
import { AppError, implement, requireOpenid } from '../../../shared/kit';
import { toPage } from '../../../shared/repositories/database';
import { canManageReward, toRedemptionView, toRewardView } from '../domain/rewards';
import { Errors } from '../errors';
import {
  createReward,
  findReward,
  listActiveRewards,
  listRedemptions,
  redeemReward as redeem,
  updateReward,
  verifyRedemption as verify,
} from '../repositories/reward-repository';

export const listRewards = implement(memberContract.actions.listRewards, async () => (await listActiveRewards()).map(toRewardView));

/** Points for a catalogue reward: one transaction (points, stock, redemption code); idempotent. */
export const redeemReward = implement(memberContract.actions.redeemReward, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const { redemption, balanceAfter, replayed } = await redeem({ openid, ...input });
  ctx.log.info('reward redeemed', { rewardId: input.rewardId, replayed });
  return { redemption: toRedemptionView(redemption), balanceAfter, replayed };
});

export const listMyRedemptions = implement(memberContract.actions.listMyRedemptions, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const { items, total } = await listRedemptions({ openid, page: input.page, pageSize: input.pageSize });
  return toPage(items.map(toRedemptionView), total, input);
});

/** Create (no rewardId) or update; a manager only touches rewards limited to their own stores. */
export const manageReward = implement(memberContract.actions.manageReward, async (input, ctx) => {
  const { rewardId, ...fields } = input;
  if (!canManageReward(ctx.staff, fields.storeIds)) throw new AppError(Errors.REWARD_STORE_FORBIDDEN, { details: { field: 'storeIds' } });
  if (!rewardId) return toRewardView(await createReward(fields, ctx.staff.openid));
  const current = await findReward(rewardId);
  if (!current) throw new AppError(Errors.REWARD_NOT_FOUND, { details: { field: 'rewardId' } });
  if (!canManageReward(ctx.staff, current.storeIds ?? [])) throw new AppError(Errors.REWARD_STORE_FORBIDDEN, { details: { field: 'rewardId' } });
  return toRewardView(await updateReward(current, fields, ctx.staff.openid));
});

/** Staff at the counter: the code the diner shows, for the store they are working at (checked by the kit). */
export const verifyRedemption = implement(memberContract.actions.verifyRedemption, async (input, ctx) => {
  const record = await verify({ ...input, actor: { openid: ctx.staff.openid, name: ctx.staff.name, role: ctx.staff.role } });
  ctx.log.info('redemption verified', { storeId: input.storeId });
  return toRedemptionView(record);
});
