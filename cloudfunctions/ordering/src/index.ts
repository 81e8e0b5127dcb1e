import { orderingContract } from '../../../typings/api/ordering';
import { createFunction, pingHandler } from '../../shared/kit';
import { getMyOrder, listMyOrders } from './handlers/my-orders';

export const main = createFunction(orderingContract, {
  actions: {
    ping: pingHandler(orderingContract.name),
    listMyOrders,
    getMyOrder,
  },
});
