import { fenToYuan } from '../../../shared/domain/money';
import type { CanonicalOrder } from './canonical';
import type { PosIntegration } from './integration';

/**
 * A vendor names the store its own way (shopIdenty, entityId, ePoiId …). The push belongs to
 * this integration when that id is our restaurantId or one of the integration's vendor ids.
 */
export function isOwnStore(integration: PosIntegration, vendorStoreId: string): boolean {
  return vendorStoreId === integration.restaurantId || Object.values(integration.vendorConfig ?? {}).includes(vendorStoreId);
}

/** Back to the standard request shape (yuan at the boundary), so one validation path serves every vendor. */
export function canonicalToOrderRequest(order: CanonicalOrder, restaurantId: string): Record<string, unknown> {
  return {
    orderId: order.orderId,
    restaurantId,
    orderTime: order.orderTime,
    transactionType: order.transactionType,
    items: order.items.map((item) => ({
      menuItemId: item.menuItemId,
      itemName: item.itemName,
      quantity: item.quantity,
      unitPrice: fenToYuan(item.unitPriceFen),
      totalPrice: fenToYuan(item.totalPriceFen),
    })),
    totalAmount: fenToYuan(order.totalAmountFen),
    ...(order.customer ? { customerInfo: order.customer } : {}),
  };
}
