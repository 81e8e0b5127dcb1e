import { Collections } from '../../../shared/collections';
import { masterKeyFromEnv, open, type MasterKey, type SealedSecret } from '../../../shared/domain/secret-box';
import { getDatabase, MAX_PAGE_SIZE, type Page } from '../../../shared/repositories/database';
import type { PosIntegration } from '../domain/integration';

const integrations = () => getDatabase().collection(Collections.posIntegrations);

export async function findIntegrationByApiKey(apiKey: string): Promise<PosIntegration | null> {
  const { data } = await integrations().where({ apiKey }).limit(1).get();
  return (data[0] as PosIntegration | undefined) ?? null;
}

export async function findIntegrationById(id: string): Promise<PosIntegration | null> {
  const { data } = await integrations().where({ _id: id }).limit(1).get();
  return (data[0] as PosIntegration | undefined) ?? null;
}

/** One round trip for up to 100 ids (the outbox resolves every event's integration at once). */
export async function findIntegrationsByIds(ids: string[]): Promise<PosIntegration[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const _ = getDatabase().command;
  const found: PosIntegration[] = [];
  for (let i = 0; i < unique.length; i += MAX_PAGE_SIZE) {
    const slice = unique.slice(i, i + MAX_PAGE_SIZE);
    const { data } = await integrations()
      .where({ _id: _.in(slice) })
      .limit(MAX_PAGE_SIZE)
      .get();
    found.push(...(data as PosIntegration[]));
  }
  return found;
}

/**
 * A stored secret that does not open under the configured master key: the key id changed since
 * it was sealed, or the record is damaged. It is a fact about one integration, not an outage:
 * callers turn it into that integration's failure (a clear error, a dead letter) and never let
 * it stop work for the others. Carries no key material or key id.
 */
export class SecretUnavailableError extends Error {
  constructor(
    readonly integrationId: string,
    readonly which: 'api' | 'vendor',
  ) {
    super(`${which} secret of integration ${integrationId} cannot be opened`);
    this.name = 'SecretUnavailableError';
  }
}

/** Opens one sealed secret. A missing master key is a deployment error for everyone and stays a plain Error. */
function openSecret(integration: PosIntegration, sealed: SealedSecret, aad: string, which: 'api' | 'vendor', master: MasterKey): string {
  try {
    return open(sealed, master, aad);
  } catch {
    throw new SecretUnavailableError(integration._id, which);
  }
}

/**
 * Plaintext secrets that currently authenticate this integration: the current one first,
 * then rotated-out ones still inside their grace period. The API key is the AAD, so a
 * sealed secret copied onto another integration does not open. A grace secret that does not
 * open is skipped; a current one that does not open throws SecretUnavailableError.
 */
export function usableSecrets(integration: PosIntegration, now: Date = new Date()): string[] {
  const master = masterKeyFromEnv();
  const current = openSecret(integration, integration.secret, integration.apiKey, 'api', master);
  const previous: string[] = [];
  for (const p of integration.previousSecrets ?? []) {
    if (new Date(p.expiresAt).getTime() <= now.getTime()) continue;
    try {
      previous.push(open(p.secret, master, integration.apiKey));
    } catch {
      // A damaged grace secret only ends its grace early; the current secret still works.
    }
  }
  return [current, ...previous];
}

/** The secret we sign outbound calls with (webhooks, menu push, test connection); SecretUnavailableError if it does not open. */
export function currentSecret(integration: PosIntegration): string {
  return openSecret(integration, integration.secret, integration.apiKey, 'api', masterKeyFromEnv());
}

/** AAD of the vendor secret: distinct from the API secret's, so the two cannot be swapped. */
export function vendorSecretAad(apiKey: string): string {
  return `${apiKey}:vendor`;
}

/** The secret a vendor adapter signs with: our API secret for the standard protocol, else the vendor's. */
export function adapterSecret(integration: PosIntegration): string | null {
  if (integration.vendor === 'standard') return currentSecret(integration);
  return integration.vendorSecret ? openSecret(integration, integration.vendorSecret, vendorSecretAad(integration.apiKey), 'vendor', masterKeyFromEnv()) : null;
}

export async function insertIntegration(integration: PosIntegration): Promise<void> {
  await integrations().add({ data: integration });
}

export interface IntegrationFilter {
  storeIds?: string[];
  vendor?: string;
  status?: string;
  keyword?: string;
}

export async function listIntegrations(filter: IntegrationFilter, page: number, pageSize: number): Promise<Page<PosIntegration>> {
  const db = getDatabase();
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (filter.storeIds) where.storeId = _.in(filter.storeIds);
  if (filter.vendor) where.vendor = filter.vendor;
  if (filter.status) where.status = filter.status;
  if (filter.keyword) where.name = db.RegExp({ regexp: escapeRegExp(filter.keyword), options: 'i' });
  const query = integrations().where(where);
  const [{ data }, { total }] = await Promise.all([
    query
      .orderBy('createdAt', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
    integrations().where(where).count(),
  ]);
  return { items: data as PosIntegration[], total, page, pageSize, hasMore: page * pageSize < total };
}

/** Updates and reports whether the integration existed. */
export async function updateIntegration(id: string, patch: Partial<PosIntegration> | Record<string, unknown>): Promise<boolean> {
  const data: Record<string, unknown> = { ...patch };
  // update() merges nested objects key by key; a replaced vendorConfig must drop removed keys.
  if (data.vendorConfig) data.vendorConfig = getDatabase().command.set(data.vendorConfig);
  const { stats } = await integrations().where({ _id: id }).update({ data });
  return stats.updated > 0;
}

/**
 * Replaces the secret in a transaction so two concurrent rotations cannot both move "the"
 * old secret into the grace list and lose one. Returns null when the integration is gone.
 */
export async function rotateIntegrationSecret(
  id: string,
  next: (current: PosIntegration) => Pick<PosIntegration, 'secret' | 'secretFingerprint' | 'previousSecrets' | 'updatedAt'>,
): Promise<PosIntegration | null> {
  return getDatabase().runTransaction(async (tx) => {
    const ref = tx.collection<PosIntegration>(Collections.posIntegrations).doc(id);
    let current: PosIntegration;
    try {
      current = (await ref.get()).data;
    } catch {
      return null;
    }
    if (!current) return null;
    const patch = next(current);
    await ref.update({ data: patch });
    return { ...current, ...patch };
  });
}

export async function removeIntegration(id: string): Promise<boolean> {
  const { stats } = await integrations().where({ _id: id }).remove();
  return stats.removed > 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
