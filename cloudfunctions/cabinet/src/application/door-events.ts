import type { AlarmPush, DoorEvent, Heartbeat } from '../adapters/xiaomai/protocol';
import { isMaintenanceKind, type AlarmRecord } from '../domain/records';
import { nextSessionState, type SessionEvent } from '../domain/session-state';
import { extendDeviceLock, findDevice, recordHeartbeat, setMaintenanceKinds } from '../repositories/devices';
import { insertAlarm } from '../repositories/alarms';
import { findSession, patchSession, updateSessionIf } from '../repositories/sessions';
import { endWithoutOrder, releaseLocks } from './locks';

const SHOPPING_HOLD_MS = 30 * 60_000;

/**
 * A door event moves the session only from a state it applies to (session-state.ts): a repeated
 * door.opened changes nothing, a door.closed after the order only records the closing time and
 * frees the device. A compare-and-set on the state makes racing events take turns.
 */
export async function processDoorEvent(event: DoorEvent): Promise<void> {
  const session = await findSession(event.requestId);
  if (!session || session.deviceCode !== event.deviceCode) return;
  const at = new Date(event.occurredAt);
  const type: SessionEvent['type'] = event.type === 'door.opened' ? 'door_opened' : event.type === 'door.closed' ? 'door_closed' : 'door_open_failed';
  const to = nextSessionState(session.state, session.purpose, { type } as SessionEvent);
  if (!to.changed) {
    if (type === 'door_closed') {
      // The order came first: keep the closing time and let the device go.
      const released = await releaseLocks(session, 'closed');
      await patchSession(session._id, { ...(session.closedAt ? {} : { closedAt: at }), ...released, orderCode: session.orderCode ?? event.orderCode });
    }
    return;
  }
  if (type === 'door_opened') {
    if (await updateSessionIf(session._id, session.state, { state: to.state, openedAt: at, orderCode: session.orderCode ?? event.orderCode })) {
      await extendDeviceLock(session.deviceCode, session._id, new Date(Date.now() + SHOPPING_HOLD_MS), new Date());
    }
    return;
  }
  if (type === 'door_closed') {
    const released = await releaseLocks(session, to.state);
    await updateSessionIf(session._id, session.state, {
      state: to.state,
      closedAt: at,
      ...(session.openedAt ? {} : { openedAt: at }),
      orderCode: session.orderCode ?? event.orderCode,
      ...released,
      ...(to.state === 'restocked' ? { endedAt: at } : {}),
    });
    return;
  }
  const reason = `柜门未能打开${event.reason ? `：${event.reason}` : ''}`.slice(0, 80);
  if (await updateSessionIf(session._id, session.state, { state: to.state, endedAt: at, endReason: reason })) await endWithoutOrder(session, to.state, reason);
}

/** Liveness: online flag, door state and the time of the heartbeat. No write when the device is unknown. */
export async function processHeartbeat(beat: Heartbeat): Promise<boolean> {
  return recordHeartbeat(beat.deviceCode, { online: beat.online, doorState: beat.doorState, at: new Date(beat.reportedAt) });
}

/** An alarm is stored once; a maintenance kind raised puts the device in maintenance until the same kind is resolved. */
export async function processAlarm(alarm: AlarmPush): Promise<boolean> {
  const device = await findDevice(alarm.deviceCode);
  const record: AlarmRecord = {
    _id: `${alarm.alarmId}:${alarm.state}`,
    alarmId: alarm.alarmId,
    deviceCode: alarm.deviceCode,
    storeId: device?.storeId ?? null,
    kind: alarm.kind,
    category: isMaintenanceKind(alarm.kind) ? 'maintenance' : 'operational',
    state: alarm.state,
    message: alarm.message ?? '',
    requestId: alarm.requestId ?? null,
    occurredAt: new Date(alarm.occurredAt),
    createdAt: new Date(),
  };
  const fresh = await insertAlarm(record);
  if (!fresh || !device || !isMaintenanceKind(alarm.kind)) return fresh;
  const kinds = new Set(device.openAlarmKinds);
  if (alarm.state === 'raised') kinds.add(alarm.kind);
  else kinds.delete(alarm.kind);
  if (kinds.size !== device.openAlarmKinds.length) await setMaintenanceKinds(device.deviceCode, [...kinds]);
  return fresh;
}
