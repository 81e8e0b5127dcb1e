import { createFunction, pingAction } from '../../shared/kit';
import { getSessionAction } from './handlers/session';
import { bindPhoneAction, getProfileAction } from './handlers/profile';
import { listLevelsAction, quoteDiscountAction } from './handlers/levels';
import { listPointsLogsAction, listTicketLogsAction, redeemPointsAction } from './handlers/ledger';
import { adjustPointsAction, lookupMemberByPhoneAction, topUpTicketsAction } from './handlers/staff';

export const main = createFunction({
  name: 'member',
  actions: {
    ping: pingAction('member'),
    getSession: getSessionAction,
    getProfile: getProfileAction,
    bindPhone: bindPhoneAction,
    listLevels: listLevelsAction,
    quoteDiscount: quoteDiscountAction,
    listPointsLogs: listPointsLogsAction,
    listTicketLogs: listTicketLogsAction,
    redeemPoints: redeemPointsAction,
    lookupMemberByPhone: lookupMemberByPhoneAction,
    adjustPoints: adjustPointsAction,
    topUpTickets: topUpTicketsAction,
  },
});
