/**
 * @jest-environment node
 *
 * The mini-program's role table (miniprogram/utils/permissions.ts) says what each staff role may
 * do on the staff screens; it is hand-kept because the package imports contracts type-only. This
 * checks each entry against the `roles` of the contract action it names (typings/api/<context>.ts).
 */
import { join } from 'node:path';
import { adminContract } from '../../typings/api/admin';
import { memberContract } from '../../typings/api/member';
import { orderingContract } from '../../typings/api/ordering';
import { paymentContract } from '../../typings/api/payment';
import { posInterfaceContract } from '../../typings/api/pos-interface';
import { MINIPROGRAM_ROOT } from '../../scripts/miniprogram-graph';

interface PermissionsModule {
  ACTION_ROLES: Record<string, readonly string[]>;
  can(role: string | undefined, action: string): boolean;
}

// required, not imported: the root tsconfig does not type-check mini-program sources
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ACTION_ROLES, can } = require(join(MINIPROGRAM_ROOT, 'utils', 'permissions')) as PermissionsModule;

const contracts: Record<string, { actions: Record<string, { roles?: readonly string[] }> }> = {
  admin: adminContract,
  member: memberContract,
  payment: paymentContract,
  'pos-interface': posInterfaceContract,
  ordering: orderingContract,
};

describe('permissions table mirrors the contracts', () => {
  it.each(Object.entries(ACTION_ROLES))('%s has the contract’s roles', (key, roles) => {
    const [context, action] = key.split('.');
    const spec = contracts[context]?.actions[action];
    expect(spec).toBeDefined();
    expect([...roles].sort()).toEqual([...(spec?.roles ?? [])].sort());
  });

  it('covers every manager-only action the staff screens call', () => {
    for (const key of [
      'payment.refund',
      'payment.completePayScore',
      'payment.cancelPayScore',
      'pos-interface.listIntegrations',
      'pos-interface.updateIntegration',
    ]) {
      expect(ACTION_ROLES[key]).toBeDefined();
    }
  });

  it('answers per role', () => {
    expect(['admin', 'manager', 'clerk', 'diner', undefined].map((role) => can(role, 'payment.refund'))).toEqual([true, true, false, false, false]);
    expect(['admin', 'manager', 'clerk'].map((role) => can(role, 'pos-interface.deleteIntegration'))).toEqual([true, false, false]);
    expect(['admin', 'manager', 'clerk'].map((role) => can(role, 'payment.confirmCash'))).toEqual([true, true, true]);
  });
});
