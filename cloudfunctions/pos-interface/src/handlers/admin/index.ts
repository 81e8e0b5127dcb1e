import type { ActionDefinition } from '../../../../shared/kit';
import { listDeadLetters, listWebhookEvents, replayDeadLetter } from './dead-letters';
import {
  createIntegration,
  deleteIntegration,
  disableIntegration,
  enableIntegration,
  getIntegration,
  listIntegrations,
  rotateIntegrationSecretAction,
  updateIntegration,
} from './integrations';
import { getMenuPush, pushMenu } from './menu-push';
import { getSyncLog, integrationHealth, listSyncLogs } from './sync-logs';
import { testIntegrationConnection } from './test-connection';

/** Staff actions for integrations, sync logs, webhooks and menu push. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const integrationActions: Record<string, ActionDefinition<any, any>> = {
  createIntegration,
  listIntegrations,
  getIntegration,
  updateIntegration,
  enableIntegration,
  disableIntegration,
  rotateIntegrationSecret: rotateIntegrationSecretAction,
  testIntegrationConnection,
  deleteIntegration,
  listSyncLogs,
  getSyncLog,
  integrationHealth,
  listWebhookEvents,
  listDeadLetters,
  replayDeadLetter,
  pushMenu,
  getMenuPush,
};
