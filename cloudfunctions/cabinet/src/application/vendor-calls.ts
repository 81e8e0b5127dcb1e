import { AppError } from '../../../shared/kit';
import { getVendorAdapter } from '../adapters/registry';
import type { VendorCallResult, VendorEndpoint } from '../adapters/types';
import { DOOR_TYPES, type OpenDoorResult } from '../adapters/xiaomai/protocol';
import { cabinetConfig } from '../config';
import { userCodeFor } from '../domain/ids';
import type { SessionRecord } from '../domain/records';
import { Errors } from '../errors';
import { lookupVendor } from '../repositories/vendors';

export const VENDOR_TIMEOUT_MS = 2500;

export async function vendorEndpoint(vendorId: string): Promise<VendorEndpoint> {
  const known = await lookupVendor(vendorId);
  if (!known || known.party.status !== 'active' || known.secretUnavailable || !known.secrets[0])
    throw new AppError(Errors.VENDOR_FAILED, { message: '智能柜厂商接入不可用' });
  return { baseUrl: known.party.baseUrl, apiKey: known.party.apiKey, secret: known.secrets[0] };
}

/** One open-door command for a session (idempotent at the vendor by requestId = sessionId). */
export async function sendOpenDoor(session: SessionRecord, vendor = 'xiaomai'): Promise<VendorCallResult<OpenDoorResult>> {
  const endpoint = await vendorEndpoint(vendor);
  return getVendorAdapter(vendor).openDoor(
    endpoint,
    {
      requestId: session._id,
      deviceCode: session.deviceCode,
      type: DOOR_TYPES[session.purpose],
      userCode: userCodeFor(session.openid),
      openTimeoutSeconds: cabinetConfig().openTimeoutSeconds,
      timestamp: Math.floor(Date.now() / 1000),
    },
    VENDOR_TIMEOUT_MS,
  );
}
