import type { KnownParty } from '../../../shared/integration/signed-guard';
import type { PosIntegration } from '../domain/integration';
import { findIntegrationByApiKey, SecretUnavailableError, usableSecrets } from '../repositories/integration-repository';

/**
 * A warm instance keeps what it learnt about an API key for a few seconds: at POS traffic
 * rates this removes the lookup round trip and the AES-GCM opening from almost every request.
 * The price: disabling an integration or rotating its secret takes up to TTL to reach
 * instances that already hold it (documented in the integration guide).
 */
export const INTEGRATION_CACHE_TTL_MS = 5000;

/** What the signed-request guard learns about a key: the integration and its usable secrets (plaintext, only in memory). */
export type KnownIntegration = KnownParty<PosIntegration>;

const cache = new Map<string, { value: KnownIntegration; expiresAt: number }>();

export async function lookupIntegration(apiKey: string, now = Date.now()): Promise<KnownIntegration | null> {
  const hit = cache.get(apiKey);
  if (hit && hit.expiresAt > now) return hit.value;
  const integration = await findIntegrationByApiKey(apiKey);
  if (!integration) {
    cache.delete(apiKey);
    return null;
  }
  const value = integration.status === 'active' ? withSecrets(integration, new Date(now)) : { party: integration, secrets: [] };
  cache.set(apiKey, { value, expiresAt: now + INTEGRATION_CACHE_TTL_MS });
  if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
  return value;
}

function withSecrets(integration: PosIntegration, now: Date): KnownIntegration {
  try {
    return { party: integration, secrets: usableSecrets(integration, now) };
  } catch (error) {
    // Cached like any answer: one broken integration must not cost a decryption attempt per request.
    if (error instanceof SecretUnavailableError) return { party: integration, secrets: [], secretUnavailable: true };
    throw error;
  }
}
