import type { PrintJobKind } from '../../../typings/api/ordering';

/** 云打印的小票类型（契约的 PRINT_JOB_KINDS）。 */
export const PRINT_JOB_KIND_LABELS: Record<PrintJobKind, string> = {
  new: '后厨单',
  addition: '加菜单',
  receipt: '结账单',
};
