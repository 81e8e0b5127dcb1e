import { adminContract } from '../../../typings/api/admin';
import { createFunction, pingHandler } from '../../shared/kit';
import { getStore, listMyStores } from './handlers/stores';

export const main = createFunction(adminContract, {
  actions: {
    ping: pingHandler(adminContract.name),
    listMyStores,
    getStore,
  },
});
