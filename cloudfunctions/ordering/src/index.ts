import { createFunction, pingAction } from '../../shared/kit';
import { getMyOrderAction, listMyOrdersAction } from './handlers/my-orders';

export const main = createFunction({
  name: 'ordering',
  actions: {
    ping: pingAction('ordering'),
    listMyOrders: listMyOrdersAction,
    getMyOrder: getMyOrderAction,
  },
});
