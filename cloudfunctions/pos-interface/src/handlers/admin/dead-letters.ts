import { posInterfaceContract } from '../../../../../typings/api/pos-interface';
import { canSeeStore, implement } from '../../../../shared/kit';
import { replayDeadLetter as replay } from '../../outbox';
import { listOutboxRecords } from '../../repositories/integration-plumbing';
import { loadIntegrationFor, visibleStoreIds } from './access';
import { audit } from './audit';

const { actions } = posInterfaceContract;

/** Webhook events in any state (the outbox), for the event list page. */
export const listWebhookEvents = implement(actions.listWebhookEvents, async (input, ctx) => {
  if (input.integrationId) await loadIntegrationFor(ctx, input.integrationId);
  const { page, pageSize, ...filter } = input;
  return listOutboxRecords({ ...filter, storeIds: visibleStoreIds(ctx.staff) }, page, pageSize);
});

export const listDeadLetters = implement(actions.listDeadLetters, async (input, ctx) => {
  if (input.integrationId) await loadIntegrationFor(ctx, input.integrationId);
  const { page, pageSize, ...filter } = input;
  return listOutboxRecords({ ...filter, status: 'dead', storeIds: visibleStoreIds(ctx.staff) }, page, pageSize);
});

export const replayDeadLetter = implement(actions.replayDeadLetter, async (input, ctx) => {
  const { staff } = ctx;
  const record = await replay(input.id, (storeId) => canSeeStore(staff, storeId));
  await audit(
    ctx,
    'pos.webhook.replay',
    { type: 'webhook_event', id: record._id, storeId: record.storeId },
    `重放死信事件 ${record.event}（${record._id}），结果：${record.status}`,
  );
  return record;
});
