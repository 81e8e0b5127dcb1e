import { Collections } from '../../../shared/collections';
import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { getDatabase } from '../../../shared/repositories/database';
import type { AlarmRecord } from '../domain/records';

const alarms = () => getDatabase().collection<AlarmRecord>(Collections.cabinetAlarms);

/** Stores an alarm once (its id is alarm + state: a resend is a no-op). */
export async function insertAlarm(alarm: AlarmRecord): Promise<boolean> {
  try {
    await alarms().add({ data: alarm });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

export async function recentAlarms(deviceCode: string, limit = 20): Promise<AlarmRecord[]> {
  const { data } = await alarms().where({ deviceCode }).orderBy('occurredAt', 'desc').limit(limit).get();
  return data;
}
