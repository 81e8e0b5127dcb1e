import type { DeviceDetail, DevicePage, DeviceQrCode, DeviceStatus, DeviceView, SessionView } from '../../../../typings/api/cabinet-views';
import { AppError } from '../../../shared/kit';
import { getCloud } from '../../../shared/kit/cloud';
import { canSeeStore, type StaffMember } from '../../../shared/kit/roles';
import { toPage } from '../../../shared/repositories/database';
import { findStoreNames } from '../../../shared/repositories/store-names';
import { cabinetConfig } from '../config';
import { deviceStatus } from '../domain/availability';
import type { DeviceRecord } from '../domain/records';
import { Errors } from '../errors';
import { recentAlarms } from '../repositories/alarms';
import { findDevice, pageDevices, saveBinding } from '../repositories/devices';
import { findSession } from '../repositories/sessions';
import { findStore } from '../repositories/stores';
import { insertJob, newJob } from './job-queue';
import { runClaimed } from './job-runner';
import { openDoor } from './open-door';
import { alarmView, deviceView, sessionView } from './views';

/** The stores a staff list covers: the one asked for (the kit checked it), else all of the staff member's (admin: all). */
export function scopeOf(staff: StaffMember, storeId?: string): string[] | null {
  if (storeId) return [storeId];
  return staff.role === 'admin' ? null : staff.storeIds;
}

/** A device staff may see: one of their stores' (an unbound device: admins only). Others look missing. */
export async function visibleDevice(staff: StaffMember, deviceCode: string): Promise<DeviceRecord> {
  const device = await findDevice(deviceCode);
  if (!device || (device.storeId ? !canSeeStore(staff, device.storeId) : staff.role !== 'admin'))
    throw new AppError(Errors.DEVICE_NOT_FOUND, { details: { field: 'deviceCode' } });
  return device;
}

export async function listDevices(
  staff: StaffMember,
  input: { storeId?: string; status?: DeviceStatus; page: number; pageSize: number },
): Promise<DevicePage<Date>> {
  const storeIds = scopeOf(staff, input.storeId);
  // Status is derived from heartbeats at read time, so it filters the page rather than the query.
  const { items, total } = await pageDevices({ storeIds }, input.page, input.pageSize);
  const names = await findStoreNames(items.map((d) => d.storeId));
  const now = new Date();
  const views = items.map((d) => deviceView(d, d.storeId ? (names.get(d.storeId) ?? null) : null, now));
  const filtered = input.status ? views.filter((v) => v.status === input.status) : views;
  return toPage(filtered, input.status ? filtered.length : total, input);
}

export async function getDevice(staff: StaffMember, deviceCode: string): Promise<DeviceDetail<Date>> {
  const device = await visibleDevice(staff, deviceCode);
  const [store, alarms, session] = await Promise.all([
    device.storeId ? findStore(device.storeId) : Promise.resolve(null),
    recentAlarms(device.deviceCode),
    device.sessionId ? findSession(device.sessionId) : Promise.resolve(null),
  ]);
  const held = session && device.lockUntil && new Date(device.lockUntil).getTime() > Date.now();
  const currentSession: SessionView<Date> | null = held ? sessionView(session, store?.name ?? null) : null;
  return { ...deviceView(device, store?.name ?? null), recentAlarms: alarms.map((a) => alarmView(a, device.openAlarmKinds)), currentSession };
}

export async function deviceQrCode(staff: StaffMember, deviceCode: string): Promise<DeviceQrCode> {
  const device = await visibleDevice(staff, deviceCode);
  const scene = `d=${device.deviceCode}`;
  const page = cabinetConfig().scanPage;
  let buffer: Buffer | undefined;
  try {
    const reply = (await getCloud().openapi.wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 })) as {
      buffer?: Buffer | Uint8Array;
      errCode?: number;
    };
    buffer = reply.buffer ? Buffer.from(reply.buffer) : undefined;
  } catch {
    buffer = undefined;
  }
  if (!buffer || buffer.length === 0) throw new AppError(Errors.QRCODE_FAILED);
  return { deviceCode: device.deviceCode, scene, page, contentType: 'image/png', imageBase64: buffer.toString('base64') };
}

/** Binds (and registers) a device to a store; the vendor is told through the job queue (retried, then the manual queue). */
export async function bindDevice(staff: StaffMember, input: { deviceCode: string; storeId: string; name?: string }): Promise<DeviceView<Date>> {
  const existing = await findDevice(input.deviceCode);
  if (existing?.storeId && existing.storeId !== input.storeId && !canSeeStore(staff, existing.storeId))
    throw new AppError(Errors.DEVICE_NOT_FOUND, { details: { field: 'deviceCode' } });
  const store = await findStore(input.storeId);
  if (!store || store.status === 'closed') throw new AppError(Errors.STORE_NOT_FOUND, { details: { field: 'storeId' } });
  const now = new Date();
  await saveBinding(input.deviceCode, { storeId: input.storeId, ...(input.name ? { name: input.name } : {}), bindStatus: 'binding' }, now);
  const job = newJob(
    'vendor.bindDevice',
    `vendor.bindDevice:${input.deviceCode}:${input.storeId}:${now.getTime()}`,
    {
      requestId: `BIND${now.getTime()}${input.deviceCode}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64),
      deviceCode: input.deviceCode,
      storeId: input.storeId,
      storeCode: store.code ?? store._id,
      storeName: store.name,
    },
    { inline: true, storeId: input.storeId },
    now,
  );
  if (await insertJob(job)) await runClaimed(job);
  const device = await findDevice(input.deviceCode);
  return deviceView(device!, store.name);
}

export async function openForRestock(staff: StaffMember, input: { deviceCode: string; requestId: string }): Promise<SessionView<Date>> {
  const device = await visibleDevice(staff, input.deviceCode);
  if (!device.storeId) throw new AppError(Errors.DEVICE_UNAVAILABLE, { details: { availability: 'unbound' } });
  const { session } = await openDoor({ openid: staff.openid, deviceCode: device.deviceCode, requestId: input.requestId, purpose: 'restock', method: null });
  return session;
}

export { deviceStatus };
