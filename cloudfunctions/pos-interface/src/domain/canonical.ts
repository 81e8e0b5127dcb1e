/**
 * Our vendor-neutral models. Every adapter maps its vendor's format to and from these, so the
 * rest of pos-interface never sees vendor field names. Money is integer fen throughout; yuan
 * exists only inside the adapters of protocols that speak yuan.
 */
import type { Fen } from '../../../shared/domain/money';
import type { CalculationLevel, CarbonLevel, CarbonUnit, Certification } from './carbon';

export interface CanonicalIngredient {
  ingredientName: string;
  quantity: number;
  unit: string;
}

export interface CanonicalCarbonFootprint {
  /** kg CO₂e per serving, 2 decimals */
  value: number;
  unit: CarbonUnit;
  calculationLevel: CalculationLevel;
  baseline: number;
  reduction: number;
  carbonLevel: CarbonLevel;
  certification: Certification | null;
}

export interface CanonicalCarbonLabel {
  level: CarbonLevel;
  icon: string;
  description: string;
}

export interface CanonicalMenuItem {
  itemId: string;
  itemName: string;
  category: string;
  priceFen: Fen;
  /** sales unit shown on the POS, e.g. 份, 杯 */
  unit: string;
  status: 'active' | 'inactive';
  ingredients: CanonicalIngredient[];
  cookingMethod?: string;
  carbonFootprint?: CanonicalCarbonFootprint;
  carbonLabel?: CanonicalCarbonLabel;
  /** ISO 8601 instant */
  updatedAt: string;
}

/** What every vendor's menu format carries: vendor dishes have no recipe, carbon data or modification time. */
export type CanonicalMenuItemCore = Pick<CanonicalMenuItem, 'itemId' | 'itemName' | 'category' | 'priceFen' | 'unit' | 'status'>;

/** A menu item read from a POS: the core always, the rest only when the format carries it (our standard protocol). */
export type InboundMenuItem = CanonicalMenuItemCore & Partial<Omit<CanonicalMenuItem, keyof CanonicalMenuItemCore>>;

/** sale: normal order; refund: money returned after a sale; void: order cancelled before settlement. */
export type TransactionType = 'sale' | 'refund' | 'void';

export interface CanonicalOrderItem {
  /** our menu itemId (vendors echo the outer/ERP id we pushed) */
  menuItemId: string;
  itemName: string;
  /** positive; refunds are expressed by transactionType, not by negative quantities */
  quantity: number;
  unitPriceFen: Fen;
  totalPriceFen: Fen;
}

export interface CanonicalOrder {
  orderId: string;
  /** the store id as the POS sends it (restaurantId / shopIdenty / entityId / ePoiId); the caller maps it to our store */
  restaurantId: string;
  /** ISO 8601 instant in UTC with milliseconds, e.g. 2025-01-15T10:30:00.000Z */
  orderTime: string;
  transactionType: TransactionType;
  items: CanonicalOrderItem[];
  totalAmountFen: Fen;
  customer?: { customerId?: string; phone?: string };
}
