import type { PosIntegration } from '../../domain/integration';

const SENSITIVE_PARAM = /secret|token|password|signkey|privatekey/i;

/** What staff see of an integration: never a secret, sealed or not; fingerprints instead. */
export function integrationView(integration: PosIntegration, now: Date = new Date()) {
  const { secret: _secret, vendorSecret: _vendorSecret, previousSecrets, vendorConfig, ...rest } = integration;
  return {
    ...rest,
    previousSecrets: (previousSecrets ?? [])
      .filter((p) => new Date(p.expiresAt).getTime() > now.getTime())
      .map((p) => ({ fingerprint: p.fingerprint, expiresAt: p.expiresAt })),
    vendorConfig: Object.fromEntries(Object.entries(vendorConfig ?? {}).map(([key, value]) => [key, SENSITIVE_PARAM.test(key) ? '******' : value])),
  };
}

export type IntegrationView = ReturnType<typeof integrationView>;
