import { deviceAvailability } from './availability';
import type { DeviceRecord } from './records';

const now = new Date('2026-12-04T12:00:00Z');
const device: DeviceRecord = {
  _id: 'XM-1',
  deviceCode: 'XM-1',
  name: '柜',
  vendor: 'xiaomai',
  storeId: 's1',
  bindStatus: 'bound',
  online: true,
  lastHeartbeatAt: new Date(now.getTime() - 60_000),
  openAlarmKinds: [],
  sessionId: null,
  lockUntil: null,
  createdAt: now,
  updatedAt: now,
};
const store = { status: 'active' };

describe('device availability', () => {
  it('distinguishes every page the diner can meet', () => {
    expect(deviceAvailability(null, null, now, 180)).toBe('unknown');
    expect(deviceAvailability({ ...device, storeId: null }, store, now, 180)).toBe('unbound');
    expect(deviceAvailability(device, { status: 'closed' }, now, 180)).toBe('store_closed');
    expect(deviceAvailability({ ...device, openAlarmKinds: ['lock'] }, store, now, 180)).toBe('maintenance');
    expect(deviceAvailability({ ...device, online: false }, store, now, 180)).toBe('offline');
    expect(deviceAvailability({ ...device, lastHeartbeatAt: new Date(now.getTime() - 181_000) }, store, now, 180)).toBe('offline');
    expect(deviceAvailability({ ...device, sessionId: 'CS1', lockUntil: new Date(now.getTime() + 1000) }, store, now, 180)).toBe('busy');
    expect(deviceAvailability({ ...device, sessionId: 'CS1', lockUntil: new Date(now.getTime() - 1000) }, store, now, 180)).toBe('available');
    expect(deviceAvailability(device, store, now, 180)).toBe('available');
  });
});
