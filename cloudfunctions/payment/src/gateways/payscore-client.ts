import { createPublicKey } from 'node:crypto';
import { payScoreConfig } from '../config';
import type { VerificationKeys } from '../domain/payscore-notification';

/**
 * Pay Score over APIv3: the client is the Pay Score kernel's (shared/payscore/apiv3-client.ts),
 * which the cabinet's smart-retail flow uses too; here only the notification keys are added.
 */
export {
  businessViewExtraData,
  cancelServiceOrder,
  completeServiceOrder,
  createServiceOrder,
  endServiceOrder,
  findServiceOrder,
  queryServiceOrder,
  type CreateServiceOrderInput,
  type PostDiscount,
  type PostPayment,
} from '../../../shared/payscore/apiv3-client';

export function notificationKeys(): VerificationKeys {
  const config = payScoreConfig();
  return { platformKeys: { [config.WXPAY_PLATFORM_SERIAL]: createPublicKey(config.WXPAY_PLATFORM_PUBLIC_KEY) }, apiV3Key: config.WXPAY_APIV3_KEY };
}
