/**
 * The order kernel: the one `orders` document type, its state machine and the only writes to the
 * collection. Contexts (ordering, payment, and those that will place orders) import from here.
 */
export {
  ORDER_FIELDS,
  ORDER_SOURCES,
  orderNumberOf,
  isOrderSource,
  itemCountOf,
  newOrderRecord,
  normaliseOrderStatus,
  normaliseRefundStatus,
  readOrder,
  readOrderItem,
  type NewOrderInput,
  type OrderItem,
  type OrderRecord,
  type OrderSource,
  type StoredOrder,
  type StoredOrderItem,
} from './order-record';
export { CABINET_ORDER_KINDS, amountDueFen, readCabinetFacts, type CabinetOrderFacts, type CabinetOrderKind } from './cabinet-facts';
export {
  ORDER_REFUND_STATUSES,
  ORDER_STATUSES,
  OrderTransitionError,
  PAYABLE_ORDER_STATUSES,
  isPayableOrder,
  isPayableStatus,
  nextOrderState,
  requireOrderTransition,
  type OrderEvent,
  type OrderEventType,
  type OrderRefundStatus,
  type OrderRefusal,
  type OrderState,
  type OrderStatus,
  type OrderTransition,
} from './order-state';
export {
  attachPayment,
  findOrder,
  listOrdersOf,
  markCancelled,
  updateCabinetFacts,
  markPaid,
  markPartiallyRefunded,
  markRefunded,
  markRefundFailed,
  markRefunding,
  placeOrder,
  placeOrderAlone,
  txFindOrder,
  type DinerOrdersQuery,
  type PaidFacts,
  type RefundedFacts,
} from './order-repository';
