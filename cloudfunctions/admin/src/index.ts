import { adminContract } from '../../../typings/api/admin';
import { createFunction, pingHandler } from '../../shared/kit';
import { listAuditLogs } from './handlers/audit';
import { acceptInvitation, createInvitation, disableInvitation, listInvitations } from './handlers/invitations';
import { listStaff, updateStaff } from './handlers/staff';
import { createStore, getStore, listMyStores, listOpenStores, resolveStore, setStoreStatus, updateStore } from './handlers/stores';
import { configuration } from './configuration';

export const main = createFunction(adminContract, {
  config: configuration,
  actions: {
    ping: pingHandler(adminContract.name),
    listMyStores,
    getStore,
    createStore,
    updateStore,
    setStoreStatus,
    listOpenStores,
    resolveStore,
    createInvitation,
    acceptInvitation,
    listInvitations,
    disableInvitation,
    listStaff,
    updateStaff,
    listAuditLogs,
  },
});
