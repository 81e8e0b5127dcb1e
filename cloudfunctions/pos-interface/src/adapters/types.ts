/**
 * The adapter contract. Adapters are pure: they build the exact requests to send and parse
 * what came back, and the caller does the I/O. Everything time- or randomness-dependent
 * (clock, nonces) comes in through the context, so a request can be rebuilt byte for byte in a test.
 */
import type { PosVendor } from '../domain/integration';
import type { CanonicalMenuItem, CanonicalOrder, InboundMenuItem } from '../domain/canonical';

export type HttpMethod = 'GET' | 'POST';

export interface OutboundRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** the exact string to send; signatures were computed over these bytes */
  body: string;
}

/** A menu push request also says which items it carries, to attribute a batch-level reply. */
export interface MenuPushRequest extends OutboundRequest {
  itemIds: string[];
}

export interface VendorReply {
  statusCode: number;
  body: string;
}

export interface MenuPushItemResult {
  itemId: string;
  success: boolean;
  /** Chinese, shown to restaurant staff */
  reason?: string;
}

export interface AdapterContext {
  /** the restaurantId our standard protocol puts in bodies (pos_integrations.restaurantId) */
  restaurantId: string;
  /** the POS's base URL (standard) or the vendor gateway URL */
  endpoint: string;
  /** standard protocol X-API-Key; vendors ignore it */
  apiKey: string;
  /** HMAC secret (standard) / token (客如云) / app secret (二维火) / signKey (美团), already unsealed */
  secret: string;
  /** vendor public parameters: appKey, shopIdenty, entityId, developerId, businessId, appAuthToken, … */
  vendorConfig: Readonly<Record<string, string>>;
  now: Date;
  /** fresh random nonce per call, 16–64 header-safe characters */
  newNonce: () => string;
  syncType: 'full' | 'incremental';
  /** identifies one logical menu sync across its chunks */
  syncId: string;
}

export interface PosAdapter<TSignInput = unknown, TVendorOrder = unknown, TVendorMenu = unknown> {
  readonly vendor: PosVendor;
  /** Chinese vendor name for messages */
  readonly displayName: string;
  /** at most MAX_MENU_ITEMS_PER_REQUEST items per request; no items → no requests */
  buildMenuPushRequests(items: readonly CanonicalMenuItem[], ctx: AdapterContext): MenuPushRequest[];
  /** one result per sent item id, in the order sent */
  parseMenuPushReply(reply: VendorReply, sentItemIds: readonly string[]): MenuPushItemResult[];
  /** the vendor's representation of a menu: what a menu push carries for these items (before chunking and signing) */
  toVendorMenu(items: readonly CanonicalMenuItem[], ctx: AdapterContext): TVendorMenu;
  /**
   * the inverse: a menu in the vendor's format (object or JSON string) → canonical items, zod-validated;
   * throws InvalidVendorPayloadError. Vendor formats carry only the core fields (CanonicalMenuItemCore).
   */
  parseInboundMenu(vendorPayload: unknown): InboundMenuItem[];
  /** validates with zod; throws InvalidVendorPayloadError with a Chinese message */
  parseInboundOrder(vendorPayload: unknown): CanonicalOrder;
  /** the vendor's representation of an order (round-trip tests, replay tooling) */
  toVendorOrder(order: CanonicalOrder): TVendorOrder;
  sign(input: TSignInput, secret: string): string;
}
