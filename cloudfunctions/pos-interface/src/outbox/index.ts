export { enqueueWebhookEvents, type WebhookEventInput, type EnqueueOptions, type EnqueueResult } from './enqueue';
export { deliverDueWebhooks, type DeliverDueOptions, type DeliverDueResult } from './deliver-due';
export { replayDeadLetter } from './replay';
