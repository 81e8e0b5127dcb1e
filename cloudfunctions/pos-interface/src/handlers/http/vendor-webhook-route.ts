import { AppError, defineRoute, parseInput, parseJsonBody, type ActionContext, type HttpRequest } from '../../../../shared/kit';
import { getAdapter } from '../../adapters/registry';
import { isIpAllowed } from '../../../../shared/integration/signed-headers';
import { canonicalToOrderRequest, isOwnStore } from '../../domain/canonical-order';
import { OrderSyncSchema } from '../../domain/order';
import { checkVendorPush, vendorSuccessReply } from '../../adapters/vendor-push';
import { Errors } from '../../errors';
import type { PosIntegration } from '../../domain/integration';
import { adapterSecret, findIntegrationById, SecretUnavailableError } from '../../repositories/integration-repository';
import { spendRateBudget } from './signed-guard';
import { signedGuard } from './signed-guard';
import { runExchange, type ExchangeParty } from './exchange';
import { syncOneOrder } from '../../application/order-sync';

// A standard push authenticates like any signed request, with the key of the integration in the URL.
const standardGuard = signedGuard((req) => req.params.integrationId);

/**
 * Verifies a vendor push by the vendor's rule and returns who sent it. Nothing is written
 * before the signature is verified. The key is the one the vendor signs with: for `standard`
 * our API secret (X-Signature scheme), for 客如云 / 二维火 / 美团 the vendor key stored on the
 * integration (token / app secret / signKey, `vendorSecret`), the same key outbound calls use.
 */
async function authenticateVendorPush(
  req: HttpRequest & { params: Record<string, string> },
  ctx: ActionContext,
): Promise<{ party: ExchangeParty; payload: unknown }> {
  const startedAt = Date.now();
  const integration = await findIntegrationById(req.params.integrationId);
  if (!integration || integration.status !== 'active') throw new AppError(Errors.INTEGRATION_NOT_FOUND);
  if (integration.vendor === 'standard') {
    const caller = await standardGuard(req, ctx);
    return { party: caller, payload: parseJsonBody(req.rawBody) };
  }
  if (!isIpAllowed(req.ip, integration.ipWhitelist)) throw new AppError(Errors.IP_NOT_ALLOWED);
  const vendorKey = openVendorKey(integration, ctx);
  if (!vendorKey) {
    // Our configuration is incomplete, not the vendor's request; staff see this in the logs.
    ctx.log.warn('vendor push without a vendor key on the integration', { integrationId: integration._id, vendor: integration.vendor });
    throw new AppError(Errors.VENDOR_SIGNATURE_INVALID);
  }
  const check = checkVendorPush(integration.vendor, { query: req.query, rawBody: req.rawBody }, [vendorKey]);
  if (!check.ok) {
    if (check.reason === 'signature') throw new AppError(Errors.VENDOR_SIGNATURE_INVALID);
    if (check.reason === 'timestamp') throw new AppError(Errors.TIMESTAMP_OUT_OF_WINDOW);
    throw new AppError(Errors.VENDOR_PAYLOAD_INVALID);
  }
  await spendRateBudget(integration);
  // Vendor pushes carry no nonce; a replay re-runs an idempotent order sync and changes nothing.
  return { party: { integration, startedAt }, payload: check.push.payload };
}

/** The vendor's key, or 40118 when the stored one does not open (nothing about the key is told). */
function openVendorKey(integration: PosIntegration, ctx: ActionContext): string | null {
  try {
    return adapterSecret(integration);
  } catch (error) {
    if (!(error instanceof SecretUnavailableError)) throw error;
    ctx.log.error('vendor key cannot be opened', { integrationId: integration._id, vendor: integration.vendor });
    throw new AppError(Errors.SECRET_UNAVAILABLE);
  }
}

/** POST /v1/pos/webhooks/{integrationId}: vendor-format order pushes, same order-sync path. */
export const vendorWebhookRoute = defineRoute({
  method: 'POST',
  path: '/v1/pos/webhooks/{integrationId}',
  summary: '厂商格式推送',
  guard: (req, ctx) => authenticateVendorPush(req as HttpRequest & { params: Record<string, string> }, ctx),
  handler: async (req, ctx, { party, payload }) =>
    runExchange('vendor.webhook', req, ctx, party, async () => {
      const { integration } = party;
      let request: unknown = payload;
      if (integration.vendor !== 'standard') {
        const canonical = getAdapter(integration.vendor).parseInboundOrder(payload);
        if (!isOwnStore(integration, canonical.restaurantId)) throw new AppError(Errors.RESTAURANT_MISMATCH, { details: { field: 'restaurantId' } });
        request = canonicalToOrderRequest(canonical, integration.restaurantId);
      }
      const { reply } = await syncOneOrder(integration, parseInput(OrderSyncSchema, request), { log: ctx.log });
      const result = integration.vendor === 'standard' ? { data: reply, message: '订单处理成功' } : { raw: vendorSuccessReply(integration.vendor, reply) };
      return { result, counts: { total: 1, success: 1, failed: 0 } };
    }),
});
