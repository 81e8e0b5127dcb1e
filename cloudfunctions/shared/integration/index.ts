/**
 * Integration plumbing shared by every context that exchanges data with an outside party (POS
 * systems in pos-interface; the smart-cabinet vendor and ERPs next): the HMAC signed-request
 * guard, its nonce store and rate budget, the exchange (sync) log and the webhook outbox with its
 * retry schedule and dead letters. Everything is parameterised by the context's collections (see
 * `IntegrationCollections` in ../collections.ts), its error codes and its party lookup, so each
 * context keeps its own data and its own error band.
 */
export * from './signature';
export * from './signed-headers';
export * from './sign-outbound';
export * from './outbound-address';
export * from './outbound-guard';
export * from './http-sender';
export * from './duplicate-key';
export * from './nonce-store';
export * from './rate-budget';
export * from './rate-bucket-store';
export * from './rate-leases';
export * from './exchange-log';
export * from './exchange-log-store';
export * from './run-exchange';
export * from './signed-guard';
export * from './outbox';
