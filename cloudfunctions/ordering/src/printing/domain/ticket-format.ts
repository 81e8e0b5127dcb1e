import { toShanghai } from '../../../../shared/domain/time';
import type { KitchenTicketKind, PrintableLine, PrintableOrder, PrintStation, ReceiptOrder } from './types';

/**
 * Tickets in 飞鹅 Feie's markup for a 58 mm printer (32 half-width columns; a CJK character
 * takes two). `<CB>` centred double size bold, `<B>` double size, `<C>` centred, `<BOLD>`,
 * `<BR>` line break, `<CUT>` cut. Pure: the same order and lines always give the same text, so
 * a retry or a reprint prints exactly what the first attempt would have.
 */
export const TICKET_COLUMNS = 32;
const RULE = '-'.repeat(TICKET_COLUMNS);

export const STATION_LABELS: Record<PrintStation, string> = { hot: '热菜', cold: '凉菜', drinks: '饮品' };

/** Display width: CJK and full-width characters count two columns. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** `left` and `right` on one line, padded with spaces to the ticket width (right text kept whole). */
export function columns(left: string, right: string, width = TICKET_COLUMNS): string {
  const gap = width - textWidth(left) - textWidth(right);
  return gap >= 1 ? `${left}${' '.repeat(gap)}${right}` : `${left} ${right}`;
}

/** Markup characters in dish names or remarks must not become tags. */
function clean(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '＜' : '＞')).replace(/[\r\n]+/g, ' ');
}

export function formatQuantity(line: Pick<PrintableLine, 'quantity' | 'unit'>): string {
  const quantity = Number.isInteger(line.quantity) ? String(line.quantity) : line.quantity.toFixed(3).replace(/0+$/, '');
  return line.unit ? `${quantity}${line.unit}` : `x${quantity}`;
}

export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function header(order: PrintableOrder, title: string): string[] {
  const out = [`<CB>${clean(title)}</CB><BR>`];
  out.push(`<B>桌台：${clean(order.tableName ?? '-')}</B><BR>`);
  out.push(`${columns(`单号：${clean(order.orderNo ?? order._id)}`, order.partySize ? `${order.partySize}人` : '')}<BR>`);
  out.push(`下单：${toShanghai(order.placedAt, 'YYYY-MM-DD HH:mm')}<BR>`);
  return out;
}

/**
 * A kitchen ticket for one printer: its stations' lines only; an addition (加菜) is marked as
 * such in the title and lists only the added lines it is given.
 */
export function kitchenTicket(order: PrintableOrder, lines: PrintableLine[], kind: KitchenTicketKind, stations: PrintStation[], reprint = false): string {
  const stationText = stations.map((s) => STATION_LABELS[s]).join('/');
  const title = `${reprint ? '【补打】' : ''}${kind === 'addition' ? '【加菜】' : ''}后厨单 ${stationText}`.trim();
  const out = header(order, title);
  out.push(`${RULE}<BR>`);
  for (const line of lines) {
    out.push(`<B>${columns(clean(line.name), formatQuantity(line), TICKET_COLUMNS / 2)}</B><BR>`);
    if (line.remarks) out.push(`  备注：${clean(line.remarks)}<BR>`);
  }
  out.push(`${RULE}<BR>`);
  if (order.remarks) out.push(`<BOLD>整单备注：${clean(order.remarks)}</BOLD><BR>`);
  out.push(`共 ${lines.length} 道<BR>`);
  return out.join('') + '<CUT>';
}

/** A receipt (结账单): every line with its amount, the total and what was paid. */
export function receiptTicket(order: ReceiptOrder, lines: PrintableLine[], reprint = false): string {
  const out = header(order, `${reprint ? '【补打】' : ''}结账单`);
  out.push(`${RULE}<BR>`);
  for (const line of lines) {
    const amount = line.amountFen ?? (line.unitPriceFen !== undefined ? Math.round(line.unitPriceFen * line.quantity) : undefined);
    out.push(`${columns(`${clean(line.name)} ${formatQuantity(line)}`, amount === undefined ? '' : formatYuan(amount))}<BR>`);
  }
  out.push(`${RULE}<BR>`);
  out.push(`${columns('合计', formatYuan(order.totalFen))}<BR>`);
  if (order.paidFen !== undefined)
    out.push(`${columns(`实付${order.paymentMethod ? `（${clean(order.paymentMethod)}）` : ''}`, formatYuan(order.paidFen))}<BR>`);
  out.push('<C>谢谢惠顾</C><BR>');
  return out.join('') + '<CUT>';
}

/** Marks an already formatted ticket as a reprint (补打), keeping the rest as first printed. */
export function asReprint(content: string): string {
  return content.replace(/^<CB>/, '<CB>【补打】');
}

/** The ticket as the paper shows it: tags removed, `<BR>` as line breaks (the simulator's record, tests). */
export function plainText(content: string): string {
  return content
    .replace(/<BR>/g, '\n')
    .replace(/<CUT>/g, '')
    .replace(/<\/?[A-Z]+[^>]*>/g, '')
    .replace(/\n$/, '');
}
