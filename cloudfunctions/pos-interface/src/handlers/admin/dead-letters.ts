import { z } from 'zod';
import { canSeeStore, defineAction } from '../../../../shared/kit';
import { WEBHOOK_EVENTS } from '../../domain/integration';
import { replayDeadLetter as replay } from '../../outbox';
import { listOutboxRecords } from '../../repositories/outbox-repository';
import { loadIntegrationFor, staffOf, visibleStoreIds } from './access';
import { audit } from './audit';
import { integrationId, paging } from './schemas';

const STAFF = ['admin', 'manager'] as const;

const listInput = {
  integrationId: integrationId.optional(),
  event: z.enum(WEBHOOK_EVENTS).optional(),
  ...paging,
};

/** Webhook events in any state (the outbox), for the event list page. */
export const listWebhookEvents = defineAction({
  roles: STAFF,
  input: z.object({ ...listInput, status: z.enum(['pending', 'delivering', 'delivered', 'dead']).optional() }).strict(),
  handler: async (input, ctx) => {
    if (input.integrationId) await loadIntegrationFor(ctx, input.integrationId);
    const { page, pageSize, ...filter } = input;
    return listOutboxRecords({ ...filter, storeIds: visibleStoreIds(staffOf(ctx)) }, page, pageSize);
  },
});

export const listDeadLetters = defineAction({
  roles: STAFF,
  input: z.object(listInput).strict(),
  handler: async (input, ctx) => {
    if (input.integrationId) await loadIntegrationFor(ctx, input.integrationId);
    const { page, pageSize, ...filter } = input;
    return listOutboxRecords({ ...filter, status: 'dead', storeIds: visibleStoreIds(staffOf(ctx)) }, page, pageSize);
  },
});

export const replayDeadLetter = defineAction({
  roles: STAFF,
  input: z.object({ id: z.string().trim().min(1).max(64) }).strict(),
  handler: async (input, ctx) => {
    const staff = staffOf(ctx);
    const record = await replay(input.id, (storeId) => canSeeStore(staff, storeId));
    await audit(
      ctx,
      'pos.webhook.replay',
      { type: 'webhook_event', id: record._id, storeId: record.storeId },
      `重放死信事件 ${record.event}（${record._id}），结果：${record.status}`,
    );
    return record;
  },
});
