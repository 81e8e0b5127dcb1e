import { paymentContract } from '../../../typings/api/payment';
import { createFunction, pingHandler } from '../../shared/kit';
import { createPaymentAction, getPaymentAction, payWithTicketsAction, quoteAction } from './handlers/diner-actions';
import { cancelPayScoreAction, completePayScoreAction, payScoreNotifyRoute, queryPayScoreAction } from './handlers/payscore';
import { reconcilePendingPayments } from './handlers/reconcile';
import {
  confirmCashAction,
  getPaymentDetailAction,
  listPaymentsAction,
  recordPayScoreRefundAction,
  refundAbnormalAction,
  refundAction,
} from './handlers/staff-actions';
import { wxPayNotifications } from './handlers/wxpay-notifications';
import { configuration } from './config';

export const main = createFunction(paymentContract, {
  config: configuration,
  actions: {
    ping: pingHandler(paymentContract.name),
    quote: quoteAction,
    createPayment: createPaymentAction,
    payWithTickets: payWithTicketsAction,
    getPayment: getPaymentAction,
    listPayments: listPaymentsAction,
    getPaymentDetail: getPaymentDetailAction,
    confirmCash: confirmCashAction,
    refund: refundAction,
    refundAbnormal: refundAbnormalAction,
    recordPayScoreRefund: recordPayScoreRefundAction,
    completePayScore: completePayScoreAction,
    cancelPayScore: cancelPayScoreAction,
    queryPayScore: queryPayScoreAction,
  },
  routes: [payScoreNotifyRoute],
  timer: reconcilePendingPayments,
  fallback: wxPayNotifications,
});
