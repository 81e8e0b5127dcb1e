import type { DeviceAvailability, DeviceStatus } from '../../../../typings/api/cabinet-views';
import type { DeviceRecord } from './records';

/** What a scanned device means for the diner, decided from its record, its store and the clock. */
export function deviceAvailability(
  device: DeviceRecord | null,
  store: { status: string } | null,
  now: Date,
  heartbeatStaleSeconds: number,
): DeviceAvailability {
  if (!device) return 'unknown';
  if (!device.storeId || device.bindStatus !== 'bound' || !store) return 'unbound';
  if (store.status === 'closed') return 'store_closed';
  if (device.openAlarmKinds.length > 0) return 'maintenance';
  if (!isOnline(device, now, heartbeatStaleSeconds)) return 'offline';
  if (device.sessionId && device.lockUntil && new Date(device.lockUntil).getTime() > now.getTime()) return 'busy';
  return 'available';
}

/** Online as last reported, unless the heartbeats stopped (a device never heard of keeps its stored state). */
export function isOnline(device: DeviceRecord, now: Date, heartbeatStaleSeconds: number): boolean {
  if (!device.online) return false;
  if (!device.lastHeartbeatAt) return true;
  return now.getTime() - new Date(device.lastHeartbeatAt).getTime() <= heartbeatStaleSeconds * 1000;
}

export function deviceStatus(device: DeviceRecord, now: Date, heartbeatStaleSeconds: number): DeviceStatus {
  if (!device.storeId || device.bindStatus === 'unbound') return 'unbound';
  if (device.openAlarmKinds.length > 0) return 'maintenance';
  return isOnline(device, now, heartbeatStaleSeconds) ? 'online' : 'offline';
}
