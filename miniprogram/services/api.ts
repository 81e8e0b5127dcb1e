import type { AdminContract } from '../../typings/api/admin';
import type { CabinetContract } from '../../typings/api/cabinet';
import type { ClientOf, Contract } from '../../typings/api/contract';
import type { MemberContract } from '../../typings/api/member';
import type { OrderingContract } from '../../typings/api/ordering';
import type { PaymentContract } from '../../typings/api/payment';
import type { PosInterfaceContract } from '../../typings/api/pos-interface';
import { callFunction } from './transport';

/**
 * The one typed client of the backend, derived from the contexts' contracts (typings/api/<context>.ts):
 * `api.payment.quote({ orderId })`. Type-only on this side: the contracts' zod schemas never reach the
 * package; an action's name is the property name, so no action name is written as a string here.
 */
function clientOf<C extends Contract>(functionName: C['name']): ClientOf<C> {
  return new Proxy({} as ClientOf<C>, {
    get: (_target, action) => (typeof action === 'string' ? (input?: Record<string, unknown>) => callFunction(functionName, action, input ?? {}) : undefined),
  });
}

export const api = {
  admin: clientOf<AdminContract>('admin'),
  cabinet: clientOf<CabinetContract>('cabinet'),
  member: clientOf<MemberContract>('member'),
  ordering: clientOf<OrderingContract>('ordering'),
  payment: clientOf<PaymentContract>('payment'),
  posInterface: clientOf<PosInterfaceContract>('pos-interface'),
};
