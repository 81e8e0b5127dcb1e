export { listDeadLetters, listWebhookEvents, replayDeadLetter } from './dead-letters';
export {
  createIntegration,
  deleteIntegration,
  disableIntegration,
  enableIntegration,
  getIntegration,
  listIntegrations,
  rotateIntegrationSecret,
  updateIntegration,
} from './integrations';
export { getMenuPush, pushMenu } from './menu-push';
export { getSyncLog, integrationHealth, listSyncLogs } from './sync-logs';
export { testIntegrationConnection } from './test-connection';
