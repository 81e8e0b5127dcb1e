import { memberContract } from '../../../typings/api/member';
import { createFunction, pingHandler } from '../../shared/kit';
import { getSession } from './handlers/session';
import { bindPhone, getProfile } from './handlers/profile';
import { listLevels, quoteDiscount } from './handlers/levels';
import { listPointsLogs, listTicketLogs, redeemPoints } from './handlers/ledger';
import { listMyRedemptions, listRewards, manageReward, redeemReward, verifyRedemption } from './handlers/rewards';
import { adjustPoints, getAdjustmentLimits, lookupMemberByPhone, setAdjustmentLimits, topUpTickets } from './handlers/staff';
import { configuration } from './configuration';

export const main = createFunction(memberContract, {
  config: configuration,
  actions: {
    ping: pingHandler(memberContract.name),
    getSession,
    getProfile,
    bindPhone,
    listLevels,
    quoteDiscount,
    listPointsLogs,
    listTicketLogs,
    redeemPoints,
    lookupMemberByPhone,
    adjustPoints,
    topUpTickets,
    getAdjustmentLimits,
    setAdjustmentLimits,
    listRewards,
    redeemReward,
    listMyRedemptions,
    manageReward,
    verifyRedemption,
  },
});
