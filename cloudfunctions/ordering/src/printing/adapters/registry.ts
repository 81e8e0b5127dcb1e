import type { PrinterVendor } from '../domain/types';
import { feieAdapter } from './feie';
import type { CloudPrinterAdapter } from './port';

/** Every cloud printer vendor we can print on, one row each (model: pos-interface/src/adapters/registry.ts). */
const ADAPTERS: Record<PrinterVendor, CloudPrinterAdapter> = {
  feie: feieAdapter,
};

export function printerAdapter(vendor: PrinterVendor): CloudPrinterAdapter | undefined {
  return Object.hasOwn(ADAPTERS, vendor) ? ADAPTERS[vendor] : undefined;
}
