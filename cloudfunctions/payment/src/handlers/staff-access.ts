import { AppError } from '../../../shared/kit/errors';
import { canSeeStore, type StaffMember } from '../../../shared/kit/roles';
import { Errors } from '../errors';
import type { PaymentRecord } from '../domain/payment-record';
import { findPayment } from '../repositories/payment-repository';

export async function visiblePayment(paymentId: string, staff: StaffMember): Promise<PaymentRecord> {
  const payment = await findPayment(paymentId);
  // Another store's payment looks like a missing one: no probing across stores.
  if (!payment || !canSeeStore(staff, payment.storeId)) throw new AppError(Errors.PAYMENT_NOT_FOUND, { details: { field: 'paymentId' } });
  return payment;
}

/** Staff do not move money on their own payments (confirm, refund, complete): another colleague must. */
export function assertNotOwnPayment(payment: PaymentRecord, staff: StaffMember): void {
  if (payment.openid === staff.openid) throw new AppError(Errors.OWN_PAYMENT_FORBIDDEN);
}
