import { batchSyncRoute } from './batch-sync-route';
import { menuSyncRoute } from './menu-sync-route';
import { oauthTokenRoute } from './oauth-token-route';
import { orderSyncRoute } from './order-sync-route';
import { pingRoute } from './ping-route';
import { vendorWebhookRoute } from './vendor-webhook-route';

/** Every `/v1/pos` route (the contract they implement is in contract.ts). */
export const posRoutes = [orderSyncRoute, batchSyncRoute, menuSyncRoute, oauthTokenRoute, pingRoute, vendorWebhookRoute];
