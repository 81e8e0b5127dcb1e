import type { DishCarbonResult, SupplierFactor } from './carbon';

/** A dish's carbon as stored on the menu item (the engine's result minus the breakdown detail we do not query). */
export type StoredDishCarbon = Omit<DishCarbonResult, 'breakdown'> & { computedAt: Date | string };

/** A document of `menu_items`; `_id` is `storeId:itemId` so order lines resolve without a query. */
export interface MenuItemDoc {
  _id: string;
  storeId: string;
  itemId: string;
  itemName: string;
  category: string;
  priceFen: number;
  unit: string;
  status: 'active' | 'inactive';
  ingredients?: { ingredientName: string; quantity: number; unit: string }[];
  cookingMethod?: string;
  supplierFactors?: Record<string, SupplierFactor>;
  carbon?: StoredDishCarbon | null;
  /** why carbon could not be computed (unknown ingredient …); the dish still syncs */
  carbonError?: { code: string; message: string } | null;
  source?: 'pos' | 'platform';
  // Staff menu management (ordering, 扫码点餐): fields the POS menu sync leaves alone.
  /** `menu_categories` _id */
  categoryId?: string;
  imageFileID?: string;
  description?: string;
  calories?: number | null;
  allergens?: string[];
  soldOut?: boolean;
  displayOrder?: number;
  mealTimes?: string[];
  soldByWeight?: boolean;
  weightUnit?: 'jin' | 'kg' | null;
  updatedAt: Date | string;
  createdAt?: Date | string;
}

export function menuItemDocId(storeId: string, itemId: string): string {
  return `${storeId}:${itemId}`;
}
