import { MEAL_TIMES, type MealTime } from '../../../../typings/api/ordering';
import { dayjs, DISPLAY_TIMEZONE } from '../../../shared/domain/time';

/** Meal-time windows in Asia/Shanghai hours [from, to) (late_night wraps past midnight); the contract documents them. */
const WINDOWS: Record<MealTime, [number, number]> = {
  breakfast: [6, 10],
  lunch: [10, 14],
  afternoon: [14, 17],
  dinner: [17, 21],
  late_night: [21, 26],
};

export function mealTimeAt(at: Date): MealTime | null {
  const hour = dayjs(at).tz(DISPLAY_TIMEZONE).hour();
  for (const meal of MEAL_TIMES) {
    const [from, to] = WINDOWS[meal];
    if ((hour >= from && hour < to) || (to > 24 && hour < to - 24)) return meal;
  }
  return null;
}

/** A dish without meal times is served all day. */
export function servedAt(mealTimes: readonly string[], at: Date): boolean {
  if (mealTimes.length === 0) return true;
  const now = mealTimeAt(at);
  return now !== null && mealTimes.includes(now);
}
