import { z } from 'zod';
import { isYuanAmount, yuanToFen } from '../../../shared/domain/money';
import { calculateDishCarbon, CarbonCalculationError, COOKING_METHODS, MAX_SUPPLIER_FACTOR } from './carbon';
import { formatPath } from '../../../shared/kit/validation';
import { menuItemDocId, type MenuItemDoc, type StoredDishCarbon } from './menu-item';

export const MAX_MENU_ITEMS_PER_SYNC = 1000;

export const MenuIngredientSchema = z.object({
  ingredientName: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .meta({ examples: ['豆腐'] }),
  quantity: z
    .number()
    .positive({ error: 'quantity 必须是正数' })
    .max(100_000)
    .meta({ examples: [200] }),
  unit: z
    .string()
    .trim()
    .min(1)
    .max(10)
    .meta({ description: 'g、kg、ml、个、份 等', examples: ['g'] }),
});

/**
 * Supplier factors are stored keyed by ingredient name, and the database refuses field names
 * that contain "." or start with "$" (or hold NUL). Such a name is refused here, so it becomes
 * this item's failure with its field path instead of a failed write of the whole sync.
 */
const SupplierFactorKeySchema = z
  .string()
  .min(1)
  .max(50)
  .refine((name) => !name.includes('.') && !name.startsWith('$') && !name.includes('\u0000'), {
    error: '食材名（supplierFactors 的键）不能包含“.”，也不能以“$”开头',
  });

export const MenuItemSyncSchema = z
  .object({
    itemId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w.:-]+$/u, { error: 'itemId 只能包含字母、数字、下划线、点、冒号和连字符' })
      .meta({ examples: ['menu_001'] }),
    itemName: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .meta({ examples: ['素麻婆豆腐'] }),
    category: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .meta({ examples: ['主菜'] }),
    price: z
      .number()
      .nonnegative()
      .max(1_000_000)
      .refine(isYuanAmount, { error: 'price 最多两位小数' })
      .meta({ description: '元', examples: [38.0] }),
    unit: z.string().trim().min(1).max(10).default('份'),
    status: z.enum(['active', 'inactive']).default('active'),
    ingredients: z.array(MenuIngredientSchema).max(50).optional().meta({ description: '每份用量；有食材时平台按 L2 计算碳足迹' }),
    cookingMethod: z.enum(COOKING_METHODS).optional(),
    supplierFactors: z
      .record(
        SupplierFactorKeySchema,
        z.object({
          factor: z
            .number()
            .nonnegative()
            .max(MAX_SUPPLIER_FACTOR, { error: `factor 不能超过 ${MAX_SUPPLIER_FACTOR} kg CO₂e/kg` })
            .meta({ description: `kg CO₂e/kg，0–${MAX_SUPPLIER_FACTOR}` }),
          source: z.string().trim().min(1).max(200),
        }),
      )
      .optional()
      .meta({ description: `供应商排放因子（kg CO₂e/kg，0–${MAX_SUPPLIER_FACTOR}），键为食材名；给出时按 L3 计算` }),
    // The seed's body carries the platform's own figures when it pushes a menu out; inbound they are ignored.
    carbonFootprint: z.unknown().optional().meta({ description: '忽略：碳足迹由平台计算' }),
    carbonLabel: z.unknown().optional().meta({ description: '忽略：碳标签由平台生成' }),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'MenuItemSync' });

export const MenuSyncSchema = z
  .object({
    restaurantId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .meta({ examples: ['rest_123456'] }),
    syncType: z.enum(['full', 'incremental']).meta({ description: 'full：未出现在本次推送中的菜品置为 inactive；incremental：只更新推送的菜品' }),
    // Items are validated one by one below so that one bad item does not reject the menu.
    menuItems: z.array(z.unknown()).meta({ description: `菜品列表（每项见 MenuItemSync，最多 ${MAX_MENU_ITEMS_PER_SYNC} 项）` }),
    timestamp: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'MenuSyncRequest' });

export type MenuItemSyncInput = z.infer<typeof MenuItemSyncSchema>;

export interface MenuSyncPlan {
  valid: { input: MenuItemSyncInput; carbon: StoredDishCarbon | null; carbonError: { code: string; message: string } | null }[];
  failedItems: { itemId: string; reason: string }[];
  /**
   * Every itemId the request names, valid or not. A full sync deactivates only dishes the POS
   * did not send: a dish it sent with a mistake is still on its menu.
   */
  requestedItemIds: string[];
}

/**
 * Validates each item on its own and computes its carbon; a bad item is reported, not fatal.
 * `calculate` is the engine (a parameter so that tests can make it fail).
 */
export function planMenuSync(items: readonly unknown[], now: Date, calculate: typeof calculateDishCarbon = calculateDishCarbon): MenuSyncPlan {
  const plan: MenuSyncPlan = { valid: [], failedItems: [], requestedItemIds: [] };
  const seen = new Set<string>();
  items.forEach((raw, index) => {
    const rawId = (raw as { itemId?: unknown } | null)?.itemId;
    const itemId = typeof rawId === 'string' && rawId ? rawId : `#${index}`;
    if (typeof rawId === 'string' && rawId.trim()) plan.requestedItemIds.push(rawId.trim());
    const parsed = MenuItemSyncSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // A refused record key (supplierFactors) carries our message one level down.
      const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      plan.failedItems.push({ itemId, reason: `数据格式错误: ${formatPath(issue.path)} ${message}` });
      return;
    }
    if (seen.has(parsed.data.itemId)) {
      plan.failedItems.push({ itemId, reason: '同一次推送中 itemId 重复' });
      return;
    }
    seen.add(parsed.data.itemId);
    const input = parsed.data;
    try {
      const result = calculate({
        category: input.category,
        ingredients: input.ingredients,
        cookingMethod: input.cookingMethod,
        supplierFactors: input.supplierFactors,
      });
      const { breakdown: _breakdown, ...carbon } = result;
      plan.valid.push({ input, carbon: { ...carbon, computedAt: now }, carbonError: null });
    } catch (error) {
      if (error instanceof CarbonCalculationError) {
        // A recipe problem: the dish still syncs (it can be sold); its carbon stays pending until the recipe is fixed.
        plan.valid.push({ input, carbon: null, carbonError: { code: error.code, message: error.message } });
      } else {
        // Anything else is the engine failing on this item's numbers: refuse this item rather than
        // store a dish we cannot label, and keep the rest of the menu.
        plan.failedItems.push({ itemId, reason: '碳足迹计算失败，请检查食材用量、单位与排放因子' });
      }
    }
  });
  return plan;
}

export function toMenuItemDoc(storeId: string, item: MenuSyncPlan['valid'][number], now: Date, existing?: MenuItemDoc): MenuItemDoc {
  const { input } = item;
  return {
    _id: menuItemDocId(storeId, input.itemId),
    storeId,
    itemId: input.itemId,
    itemName: input.itemName,
    category: input.category,
    priceFen: yuanToFen(input.price),
    unit: input.unit,
    status: input.status,
    ...(input.ingredients ? { ingredients: input.ingredients } : {}),
    ...(input.cookingMethod ? { cookingMethod: input.cookingMethod } : {}),
    ...(input.supplierFactors ? { supplierFactors: input.supplierFactors } : {}),
    carbon: item.carbon,
    carbonError: item.carbonError,
    source: 'pos',
    updatedAt: now,
    createdAt: existing?.createdAt ?? now,
  };
}

/**
 * Whether a POS that prints carbon labels needs to (re)print this dish's label: a dish that has
 * a label for the first time (new dish, or its carbon was pending until now), or a change of
 * what the label shows: level, certification, or the label itself (icon, description). A new
 * footprint value under the same label is not a label change: labels show the level, not the
 * number, and every recipe tweak would otherwise page the POS.
 */
export function carbonLabelChanged(before: MenuItemDoc | undefined, after: MenuItemDoc): boolean {
  const was = before?.carbon ?? null;
  const now = after.carbon ?? null;
  if (!now) return false;
  if (!was) return true;
  return (
    was.carbonLevel !== now.carbonLevel ||
    (was.certification ?? null) !== (now.certification ?? null) ||
    was.label?.icon !== now.label?.icon ||
    was.label?.description !== now.label?.description
  );
}

/** Fields that matter for a write: skip items whose content did not change. */
export function menuItemChanged(before: MenuItemDoc, after: MenuItemDoc): boolean {
  const pick = (d: MenuItemDoc) =>
    JSON.stringify([
      d.itemName,
      d.category,
      d.priceFen,
      d.unit,
      d.status,
      d.ingredients ?? null,
      d.cookingMethod ?? null,
      d.supplierFactors ?? null,
      d.carbon?.value ?? null,
      d.carbon?.carbonLevel ?? null,
      d.carbonError?.code ?? null,
    ]);
  return pick(before) !== pick(after);
}
