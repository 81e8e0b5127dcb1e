/**
 * Chinese labels of the admin context (stores, staff back office). The contract types a store's
 * status as a string (stores written by hand or imported may carry others), so unknown values
 * are shown as they are.
 */
export const STORE_STATUS_LABELS: Record<string, string> = { active: '营业中', disabled: '已停用', closed: '已关店' };

export function storeStatusLabel(status: string): string {
  return STORE_STATUS_LABELS[status] ?? status;
}
