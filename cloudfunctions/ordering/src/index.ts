import { orderingContract } from '../../../typings/api/ordering';
import { createFunction, pingHandler } from '../../shared/kit';
import { getMyOrder, listMyOrders } from './handlers/my-orders';
import { configuration } from './configuration';

export const main = createFunction(orderingContract, {
  config: configuration,
  actions: {
    ping: pingHandler(orderingContract.name),
    listMyOrders,
    getMyOrder,
  },
});
