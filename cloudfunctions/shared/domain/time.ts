import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Instants are stored in UTC; people see Asia/Shanghai. */
export const DISPLAY_TIMEZONE = 'Asia/Shanghai';

export function toShanghai(instant: Date | string | number, format = 'YYYY-MM-DD HH:mm:ss'): string {
  return dayjs(instant).tz(DISPLAY_TIMEZONE).format(format);
}

export function isoUtc(instant: Date | string | number = new Date()): string {
  return dayjs(instant).toISOString();
}

export { dayjs };
