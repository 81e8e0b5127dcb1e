import type { BusinessHours, PublicStore, StoreContact, StoreDetail, StoreSummary } from '../../../../typings/api/admin';

/**
 * A `stores` document as stored. Stores seeded or written before the editor existed may lack the
 * newer fields (business hours, contact, cabinet limits, location): they read as empty / null.
 * `type` / `property` are kept as stored (e.g. '餐厅', '直营').
 */
export interface StoreRecord {
  _id: string;
  name: string;
  address?: string;
  code?: string;
  phone?: string;
  type?: string;
  property?: string;
  status?: string;
  businessHours?: BusinessHours[];
  contact?: StoreContact | null;
  amountLimitFen?: number | null;
  minTicketBalance?: number | null;
  location?: { latitude: number; longitude: number } | null;
  createdAt?: Date;
  updatedAt?: Date;
}

export const toSummary = (store: StoreRecord): StoreSummary => ({ _id: store._id, name: store.name, address: store.address ?? '' });

export function toDetail(store: StoreRecord, deviceCount: number): StoreDetail {
  return {
    ...toSummary(store),
    code: store.code ?? null,
    phone: store.phone ?? null,
    type: store.type ?? null,
    property: store.property ?? null,
    status: store.status ?? 'active',
    deviceCount,
    businessHours: store.businessHours ?? [],
    contact: store.contact ?? null,
    amountLimitFen: store.amountLimitFen ?? null,
    minTicketBalance: store.minTicketBalance ?? null,
    location: store.location ?? null,
  };
}

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in whole metres (haversine). */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h)));
}

export function toPublic(store: StoreRecord, from?: { latitude: number; longitude: number }): PublicStore {
  return {
    _id: store._id,
    code: store.code ?? null,
    name: store.name,
    address: store.address ?? '',
    businessHours: store.businessHours ?? [],
    distanceM: from && store.location ? distanceMetres(from, store.location) : null,
  };
}

/** Nearest first when a location was given (stores without one last, by name); otherwise by name. */
export function orderForPicker(stores: PublicStore[]): PublicStore[] {
  return [...stores].sort((a, b) => {
    if (a.distanceM !== null && b.distanceM !== null && a.distanceM !== b.distanceM) return a.distanceM - b.distanceM;
    if ((a.distanceM === null) !== (b.distanceM === null)) return a.distanceM === null ? 1 : -1;
    return a.name.localeCompare(b.name, 'zh-CN');
  });
}

/** The store `_id` a new store gets: derived from its code, so two creations of one code collide in the database. */
export function storeIdOf(code: string): string {
  return `store_${code.toLowerCase()}`;
}
