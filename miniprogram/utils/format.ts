/** Amounts travel as integer fen; the UI shows yuan. */
export function formatFen(fen: number | undefined | null): string {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return '';
  return `¥${groupThousands((fen / 100).toFixed(2))}`;
}

/** Counts (礼票张数, 积分) with thousands separators: 34500 → `34,500`. */
export function formatCount(value: number | undefined | null): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return groupThousands(String(Math.trunc(value)));
}

function groupThousands(digits: string): string {
  const [whole, fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * Every instant on a page is shown in Asia/Shanghai, whatever zone the phone is set to, so the
 * times the backend formats (下单时间) and the ones formatted here (支付时间) agree. Shanghai has
 * been UTC+8 without daylight saving since 1991, so a fixed offset is exact for every instant we
 * store; it also avoids Intl time-zone support, which WeChat's Android runtime does not promise.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** `2025-01-31 18:05`, Asia/Shanghai. The one time formatter of the mini-program. */
export function formatDateTime(value: string | number | Date | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  const ms = value instanceof Date ? value.getTime() : new Date(value).getTime();
  if (Number.isNaN(ms)) return '';
  // Shifted by the offset, the UTC fields of this Date are Shanghai's wall clock.
  const wall = new Date(ms + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/**
 * A readable order number for diners instead of the internal id: its last 8 letters and digits,
 * upper-cased (`order_demo_pay_001` → `MOPAY001`), as the ordering function titles unnamed orders.
 */
export function orderNumber(orderId: string | undefined | null): string {
  if (!orderId) return '';
  return orderId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-8)
    .toUpperCase();
}

/**
 * Ledger reasons written before readable numbers existed name the order by its internal id
 * (`订单 order_demo_pay_001 支付`); diners read the readable number instead (`订单 MOPAY001 支付`).
 */
export function dinerReason(reason: string): string {
  return reason.replace(/订单\s+([A-Za-z0-9_-]{9,})/g, (_all, id: string) => `订单 ${orderNumber(id)}`);
}

/** "12.3" → 1230 fen, exactly (no float multiply); null when not a yuan amount with ≤ 2 decimals. */
export function yuanTextToFen(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
