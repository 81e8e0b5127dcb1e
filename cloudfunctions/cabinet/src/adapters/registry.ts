/** Vendor id → adapter. Adding a cabinet vendor means an adapter folder and a row here. */
import type { CabinetVendorAdapter } from './types';
import { xiaomaiAdapter } from './xiaomai/adapter';
import { XIAOMAI_VENDOR } from './xiaomai/protocol';

export const CABINET_VENDORS = [XIAOMAI_VENDOR] as const;
export type CabinetVendor = (typeof CABINET_VENDORS)[number];

const ADAPTERS = { [XIAOMAI_VENDOR]: xiaomaiAdapter } as const satisfies Record<CabinetVendor, CabinetVendorAdapter>;

export function getVendorAdapter(vendor: string): CabinetVendorAdapter {
  // The vendor comes from a stored device, so an unknown value is possible at run time.
  if (!(CABINET_VENDORS as readonly string[]).includes(vendor)) throw new RangeError(`不支持的智能柜厂商: ${vendor}`);
  return ADAPTERS[vendor as CabinetVendor];
}
