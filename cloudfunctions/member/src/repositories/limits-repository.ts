import { Collections } from '../../../shared/collections';
import { findById, getDatabase } from '../../../shared/repositories/database';
import type { AdjustmentLimitValues } from '../../../../typings/api/member';
import { dailyUsageId, limitsFromDocument } from '../domain/adjustment-limits';
import { shanghaiDay, type DailyUsageRecord } from './ledger-command-repository';

/** `member_store_limits/<storeId>`: the admin's limits for staff adjustments at that store. */
interface StoreLimitsRecord extends AdjustmentLimitValues {
  _id: string;
  updatedAt: Date;
  updatedBy: string;
}

export interface StoreLimitsState {
  limits: AdjustmentLimitValues;
  usage: { points: number; tickets: number };
  day: string;
  updatedAt: Date | null;
}

export async function loadStoreLimits(storeId: string): Promise<StoreLimitsState> {
  const day = shanghaiDay();
  const [limits, usage] = await Promise.all([
    findById<StoreLimitsRecord>(Collections.memberStoreLimits, storeId),
    findById<DailyUsageRecord>(Collections.memberStoreDailyUsage, dailyUsageId(storeId, day)),
  ]);
  return {
    limits: limitsFromDocument(limits),
    usage: { points: usage?.points ?? 0, tickets: usage?.tickets ?? 0 },
    day,
    updatedAt: limits?.updatedAt ? new Date(limits.updatedAt) : null,
  };
}

export async function saveStoreLimits(storeId: string, limits: AdjustmentLimitValues, updatedBy: string): Promise<void> {
  await getDatabase()
    .collection(Collections.memberStoreLimits)
    .doc(storeId)
    .set({ data: { ...limits, updatedAt: new Date(), updatedBy } });
}
