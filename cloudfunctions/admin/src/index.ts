import { createFunction, pingAction } from '../../shared/kit';
import { getStoreAction, listMyStoresAction } from './handlers/stores';

export const main = createFunction({
  name: 'admin',
  actions: {
    ping: pingAction('admin'),
    listMyStores: listMyStoresAction,
    getStore: getStoreAction,
  },
});
