import { routeLines } from './routing';
import type { PrinterConfig } from './types';

const printer = (printerId: string, stations: PrinterConfig['stations'], extra: Partial<PrinterConfig> = {}): PrinterConfig => ({
  printerId,
  name: printerId,
  vendor: 'feie',
  sn: '123456789',
  stations,
  receipts: false,
  copies: 1,
  enabled: true,
  ...extra,
});

describe('routing by station', () => {
  const hot = { lineId: 'h', name: '热菜', quantity: 1, station: 'hot' as const };
  const cold = { lineId: 'c', name: '凉菜', quantity: 1, station: 'cold' as const };
  const drink = { lineId: 'd', name: '饮品', quantity: 1, station: 'drinks' as const };

  it('sends each line to the printers of its station only', () => {
    const routed = routeLines([hot, cold, drink], [printer('p_hot', ['hot']), printer('p_cold', ['cold', 'drinks'])]);
    expect(routed.map((r) => [r.printer.printerId, r.lines.map((l) => l.lineId)])).toEqual([
      ['p_hot', ['h']],
      ['p_cold', ['c', 'd']],
    ]);
  });

  it('falls back to the first kitchen printer for a station nobody serves; skips disabled and receipt-only printers', () => {
    const routed = routeLines(
      [drink, { ...hot, station: undefined }],
      [printer('receipt', [], { receipts: true }), printer('off', ['drinks'], { enabled: false }), printer('p_hot', ['hot'])],
    );
    expect(routed.map((r) => [r.printer.printerId, r.lines.map((l) => l.lineId)])).toEqual([['p_hot', ['d', 'h']]]);
  });

  it('prints nothing without kitchen printers', () => {
    expect(routeLines([hot], [])).toEqual([]);
  });
});
