import { Collections } from '../../../shared/collections';
import { masterKeyFromEnv, open } from '../../../shared/domain/secret-box';
import type { KnownParty } from '../../../shared/integration/signed-guard';
import { findById, getDatabase } from '../../../shared/repositories/database';
import type { VendorRecord } from '../domain/records';

/**
 * The vendor records, read through a few-second cache per warm instance (like POS keys): the
 * secret is opened once, not per request. Disabling a vendor or rotating its secret takes up to
 * the TTL to reach instances that hold it.
 */
const TTL_MS = 5000;
const byKey = new Map<string, { value: KnownParty<VendorRecord> | null; expiresAt: number }>();
const byId = new Map<string, { value: KnownParty<VendorRecord> | null; expiresAt: number }>();

function known(vendor: VendorRecord): KnownParty<VendorRecord> {
  try {
    return { party: vendor, secrets: [open(vendor.secretSealed, masterKeyFromEnv(), vendor.apiKey)] };
  } catch {
    return { party: vendor, secrets: [], secretUnavailable: true };
  }
}

export async function lookupVendorByApiKey(apiKey: string, now = Date.now()): Promise<KnownParty<VendorRecord> | null> {
  const hit = byKey.get(apiKey);
  if (hit && hit.expiresAt > now) return hit.value;
  const { data } = await getDatabase().collection<VendorRecord>(Collections.cabinetVendors).where({ apiKey }).limit(1).get();
  const value = data[0] ? known(data[0]) : null;
  byKey.set(apiKey, { value, expiresAt: now + TTL_MS });
  return value;
}

export async function lookupVendor(vendorId: string, now = Date.now()): Promise<KnownParty<VendorRecord> | null> {
  const hit = byId.get(vendorId);
  if (hit && hit.expiresAt > now) return hit.value;
  const vendor = await findById<VendorRecord>(Collections.cabinetVendors, vendorId);
  const value = vendor ? known(vendor) : null;
  byId.set(vendorId, { value, expiresAt: now + TTL_MS });
  return value;
}
