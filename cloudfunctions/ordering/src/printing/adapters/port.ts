import type { PrinterVendor } from '../domain/types';

/** One ticket to print, with the account's credentials already opened (never logged). */
export interface PrintRequest {
  sn: string;
  /** the ticket in the vendor's markup */
  content: string;
  copies: number;
  account: { user: string; key: string };
  timeoutMs: number;
}

export interface PrintResult {
  ok: boolean;
  /** HTTP status, 0 when no answer came */
  status: number;
  /** short, secret-free reason when not ok */
  error?: string;
  /** retrying cannot help (the vendor refused the account or the printer): straight to the dead letters */
  permanent?: boolean;
  /** the vendor's id of the printed ticket */
  vendorOrderId?: string;
  durationMs: number;
  /** sha256 of what was sent, for the print log (never the body itself: it holds the signature) */
  digest: string;
}

/** A cloud printer vendor behind the printer port; adapters/registry.ts lists them. */
export interface CloudPrinterAdapter {
  vendor: PrinterVendor;
  print(request: PrintRequest): Promise<PrintResult>;
}
