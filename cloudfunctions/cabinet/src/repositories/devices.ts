import { Collections } from '../../../shared/collections';
import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { findById, getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { AlarmKind } from '../../../../typings/api/cabinet-views';
import type { DeviceRecord } from '../domain/records';

const devices = () => getDatabase().collection<DeviceRecord>(Collections.devices);
const _ = () => getDatabase().command;

/** A stored device with every field present (seeds and older documents may lack some). */
export function readDevice(stored: Partial<DeviceRecord> & { _id: string }): DeviceRecord {
  return {
    _id: stored._id,
    deviceCode: stored.deviceCode ?? stored._id,
    name: stored.name ?? stored.deviceCode ?? stored._id,
    vendor: stored.vendor ?? 'xiaomai',
    storeId: stored.storeId ?? null,
    bindStatus: stored.bindStatus ?? (stored.storeId ? 'bound' : 'unbound'),
    online: stored.online ?? (stored as { onlineStatus?: string }).onlineStatus !== 'offline',
    lastHeartbeatAt: stored.lastHeartbeatAt ?? null,
    ...(stored.doorState ? { doorState: stored.doorState } : {}),
    openAlarmKinds: stored.openAlarmKinds ?? [],
    sessionId: stored.sessionId ?? null,
    lockUntil: stored.lockUntil ?? null,
    createdAt: stored.createdAt ?? new Date(0),
    updatedAt: stored.updatedAt ?? new Date(0),
  };
}

export async function findDevice(deviceCode: string): Promise<DeviceRecord | null> {
  const stored = await findById<DeviceRecord>(Collections.devices, deviceCode);
  return stored ? readDevice(stored) : null;
}

export async function findDevices(deviceCodes: string[]): Promise<Map<string, DeviceRecord>> {
  if (deviceCodes.length === 0) return new Map();
  const { data } = await devices()
    .where({ _id: _().in([...new Set(deviceCodes)].slice(0, MAX_PAGE_SIZE)) })
    .limit(MAX_PAGE_SIZE)
    .get();
  return new Map(data.map((d) => [d._id, readDevice(d)]));
}

export async function listStoreDevices(storeId: string): Promise<DeviceRecord[]> {
  const { data } = await devices().where({ storeId }).orderBy('_id', 'asc').limit(MAX_PAGE_SIZE).get();
  return data.map(readDevice);
}

export async function pageDevices(filter: { storeIds: string[] | null }, page: number, pageSize: number): Promise<{ items: DeviceRecord[]; total: number }> {
  const where = filter.storeIds ? { storeId: _().in(filter.storeIds) } : {};
  const [{ data }, { total }] = await Promise.all([
    devices()
      .where(where)
      .orderBy('_id', 'asc')
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
    devices().where(where).count(),
  ]);
  return { items: data.map(readDevice), total };
}

/**
 * Takes the device for a session: a compare-and-set on "no session, or the holding one ran past
 * its lock" so of two diners scanning one device exactly one gets it. One round trip.
 */
export async function claimDevice(deviceCode: string, sessionId: string, lockUntil: Date, now: Date): Promise<boolean> {
  const { stats } = await devices()
    .where(_().and([{ _id: deviceCode }, _().or([{ sessionId: null }, { sessionId: _().exists(false) }, { lockUntil: _().lt(now) }, { sessionId }])]))
    .update({ data: { sessionId, lockUntil, updatedAt: now } });
  return stats.updated === 1;
}

/** Gives the device back, only if this session still holds it. */
export async function releaseDevice(deviceCode: string, sessionId: string, now: Date): Promise<void> {
  await devices()
    .where({ _id: deviceCode, sessionId })
    .update({ data: { sessionId: null, lockUntil: null, updatedAt: now } });
}

/** Moves the lock's end (the door opened: shopping may take a while). */
export async function extendDeviceLock(deviceCode: string, sessionId: string, lockUntil: Date, now: Date): Promise<void> {
  await devices()
    .where({ _id: deviceCode, sessionId })
    .update({ data: { lockUntil, updatedAt: now } });
}

export async function recordHeartbeat(deviceCode: string, beat: { online: boolean; doorState: 'open' | 'closed'; at: Date }): Promise<boolean> {
  const { stats } = await devices()
    .where({ _id: deviceCode })
    .update({ data: { online: beat.online, doorState: beat.doorState, lastHeartbeatAt: beat.at, updatedAt: new Date() } });
  return stats.updated === 1;
}

export async function setMaintenanceKinds(deviceCode: string, kinds: AlarmKind[]): Promise<void> {
  await devices()
    .doc(deviceCode)
    .update({ data: { openAlarmKinds: _().set(kinds), updatedAt: new Date() } });
}

/** Registers a device (first bind) or moves it to a store; `binding` until the vendor confirms. */
export async function saveBinding(
  deviceCode: string,
  binding: { storeId: string; name?: string; bindStatus: DeviceRecord['bindStatus'] },
  now: Date,
): Promise<void> {
  const changes = { storeId: binding.storeId, bindStatus: binding.bindStatus, updatedAt: now, ...(binding.name ? { name: binding.name } : {}) };
  const { stats } = await devices().where({ _id: deviceCode }).update({ data: changes });
  if (stats.updated === 1) return;
  try {
    await devices().add({
      data: {
        ...readDevice({ _id: deviceCode, deviceCode, online: false, createdAt: now, updatedAt: now }),
        ...changes,
        name: binding.name ?? deviceCode,
      },
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await devices().where({ _id: deviceCode }).update({ data: changes });
  }
}

export async function markBound(deviceCode: string, storeId: string, bound: boolean): Promise<void> {
  await devices()
    .where({ _id: deviceCode, storeId })
    .update({ data: { bindStatus: bound ? 'bound' : 'unbound', updatedAt: new Date() } });
}
