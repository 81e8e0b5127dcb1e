import type { CanonicalMenuItem } from './canonical';
import type { MenuItemDoc } from './menu-item';

/** A stored dish as the adapters' vendor-neutral model, carrying its carbon figures and label. */
export function toCanonicalMenuItem(doc: MenuItemDoc): CanonicalMenuItem {
  const carbon = doc.carbon;
  return {
    itemId: doc.itemId,
    itemName: doc.itemName,
    category: doc.category,
    priceFen: doc.priceFen,
    unit: doc.unit || '份',
    status: doc.status,
    ingredients: (doc.ingredients ?? []).map((i) => ({ ingredientName: i.ingredientName, quantity: i.quantity, unit: i.unit })),
    ...(doc.cookingMethod ? { cookingMethod: doc.cookingMethod } : {}),
    ...(carbon
      ? {
          carbonFootprint: {
            value: carbon.value,
            unit: carbon.unit,
            calculationLevel: carbon.calculationLevel,
            baseline: carbon.baseline,
            reduction: carbon.reduction,
            carbonLevel: carbon.carbonLevel,
            certification: carbon.certification,
          },
          carbonLabel: { level: carbon.label.level, icon: carbon.label.icon, description: carbon.label.description },
        }
      : {}),
    updatedAt: new Date(doc.updatedAt).toISOString(),
  };
}
