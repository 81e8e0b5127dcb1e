import type { DatabaseSpec } from '../shared/database-spec';

/** The payment context's collections; payment-repository.ts is the one place that queries them. */
export const database: DatabaseSpec = {
  owner: 'payment',
  collections: [
    {
      name: 'payments',
      grows: true,
      indexes: [
        // listPayments: every filter (store, status, method, diner, order, abnormal) by createdAt desc
        { name: 'createdAt', fields: { createdAt: -1 } },
        { name: 'storeId_createdAt', fields: { storeId: 1, createdAt: -1 } },
        // the reconcile timer: { status: 'pending' | 'processing', method, createdAt < cutoff } oldest first
        { name: 'status_createdAt', fields: { status: 1, createdAt: 1 } },
        { name: 'method_createdAt', fields: { method: 1, createdAt: -1 } },
        { name: 'openid_createdAt', fields: { openid: 1, createdAt: -1 } },
        { name: 'orderId', fields: { orderId: 1 } },
        { name: 'abnormal_createdAt', fields: { abnormal: 1, createdAt: -1 } },
      ],
    },
    // a payment's state history, in order
    { name: 'payment_events', grows: true, indexes: [{ name: 'paymentId_at', fields: { paymentId: 1, at: 1 } }] },
    // a payment's refunds, in sequence
    {
      name: 'refunds',
      grows: true,
      indexes: [
        { name: 'paymentId_sequence', fields: { paymentId: 1, sequence: 1 } },
        // the reconcile timer: WeChat refunds still processing, oldest first
        { name: 'status_createdAt', fields: { status: 1, createdAt: 1 } },
      ],
    },
  ],
};
