import { createHash } from 'node:crypto';
import type { PrintableLine, PrinterConfig, PrintStation } from './types';

export const DEFAULT_STATION: PrintStation = 'hot';

export function stationOf(line: PrintableLine): PrintStation {
  return line.station ?? DEFAULT_STATION;
}

/**
 * Which lines each printer prints: a line goes to every enabled printer serving its station.
 * A station no printer serves falls back to the first enabled kitchen printer, so no dish is
 * silently left off the kitchen's paper. Printers with nothing to print are left out.
 */
export function routeLines(lines: PrintableLine[], printers: PrinterConfig[]): { printer: PrinterConfig; lines: PrintableLine[] }[] {
  const kitchen = printers.filter((p) => p.enabled && p.stations.length > 0);
  if (kitchen.length === 0) return [];
  const byPrinter = new Map<string, PrintableLine[]>();
  for (const line of lines) {
    const station = stationOf(line);
    const targets = kitchen.filter((p) => p.stations.includes(station));
    for (const printer of targets.length ? targets : [kitchen[0]]) {
      const list = byPrinter.get(printer.printerId) ?? [];
      list.push(line);
      byPrinter.set(printer.printerId, list);
    }
  }
  return kitchen.filter((p) => byPrinter.has(p.printerId)).map((printer) => ({ printer, lines: byPrinter.get(printer.printerId)! }));
}

/** The receipt printers (enabled, `receipts`). */
export function receiptPrinters(printers: PrinterConfig[]): PrinterConfig[] {
  return printers.filter((p) => p.enabled && p.receipts);
}

/**
 * A job's id: derived from the order, the batch and the printer, so the same batch on the same
 * printer is always the same job (idempotency), and short and plain whatever the ids it comes
 * from (the contract's id rules: ≤ 64 printable characters).
 */
export function printJobId(orderId: string, batchId: string, printerId: string): string {
  return `pj_${createHash('sha256').update(`${orderId}\n${batchId}\n${printerId}`).digest('hex').slice(0, 32)}`;
}
