/** Vendor id → adapter. Adding a vendor means adding it to POS_VENDORS and to this map. */
import { POS_VENDORS, type PosVendor } from '../domain/integration';
import { keruyunAdapter } from './keruyun';
import { meituanAdapter } from './meituan';
import { standardAdapter } from './standard';
import { twoDfireAdapter } from './two-dfire';
import type { PosAdapter } from './types';

const ADAPTERS = {
  standard: standardAdapter,
  keruyun: keruyunAdapter,
  '2dfire': twoDfireAdapter,
  meituan: meituanAdapter,
} as const satisfies Record<PosVendor, PosAdapter>;

export type AdapterFor<V extends PosVendor> = (typeof ADAPTERS)[V];

export function getAdapter<V extends PosVendor>(vendor: V): AdapterFor<V> {
  // The vendor comes from stored configuration, so an unknown value is possible at runtime.
  if (!(POS_VENDORS as readonly string[]).includes(vendor)) throw new RangeError(`不支持的收银系统: ${String(vendor)}`);
  return ADAPTERS[vendor];
}
