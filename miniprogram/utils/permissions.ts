import type { SessionRole } from '../../typings/api/member';
import type { StaffRole } from '../../typings/api/common';

/**
 * Who may do what on the staff screens: the roles of each staff action the mini-program calls,
 * keyed `context.action`, copied from the contracts' `roles` (typings/api/<context>.ts). The
 * mini-program imports contracts type-only (no zod in the package), so this table is hand-kept;
 * test/miniprogram/roles.test.ts checks every entry against the contracts. Pages hide what the
 * caller's role may not do and ask `can(role, …)` — never a role name.
 */
const MANAGERS = ['admin', 'manager'] as const satisfies readonly StaffRole[];
const STAFF = ['admin', 'manager', 'clerk'] as const satisfies readonly StaffRole[];

export const ACTION_ROLES = {
  'admin.listMyStores': STAFF,
  'admin.getStore': STAFF,
  'member.lookupMemberByPhone': STAFF,
  'member.adjustPoints': MANAGERS,
  'member.topUpTickets': MANAGERS,
  'payment.listPayments': STAFF,
  'payment.getPaymentDetail': STAFF,
  'payment.confirmCash': STAFF,
  'payment.refund': MANAGERS,
  'payment.refundAbnormal': MANAGERS,
  'payment.recordPayScoreRefund': MANAGERS,
  'payment.completePayScore': MANAGERS,
  'payment.cancelPayScore': MANAGERS,
  'pos-interface.listIntegrations': MANAGERS,
  'pos-interface.createIntegration': MANAGERS,
  'pos-interface.updateIntegration': MANAGERS,
  'pos-interface.deleteIntegration': ['admin'],
  // 扫码点餐 (ordering): tables, menu, kitchen
  'ordering.listTables': STAFF,
  'ordering.createTable': MANAGERS,
  'ordering.updateTable': MANAGERS,
  'ordering.deleteTable': MANAGERS,
  'ordering.rotateTableKey': MANAGERS,
  'ordering.getTableCode': STAFF,
  'ordering.getTableCodeSheet': STAFF,
  'ordering.listDishes': STAFF,
  'ordering.saveDish': MANAGERS,
  'ordering.setDishSoldOut': STAFF,
  'ordering.listKitchenOrders': STAFF,
  'ordering.advanceTableOrder': STAFF,
  'ordering.startLiveView': STAFF,
  'ordering.listPrintJobs': STAFF,
  'ordering.retryPrintJob': STAFF,
  'ordering.weighLine': STAFF,
  'ordering.confirmCounterPayment': STAFF,
  'ordering.reprintOrder': STAFF,
  'ordering.getPrinterSettings': MANAGERS,
  'ordering.savePrinterSettings': MANAGERS,
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffAction = keyof typeof ACTION_ROLES;

/** Whether a caller of this role may do the action (diners never may do a staff action). */
export function can(role: SessionRole | undefined, action: StaffAction): boolean {
  return !!role && role !== 'diner' && (ACTION_ROLES[action] as readonly StaffRole[]).includes(role);
}
