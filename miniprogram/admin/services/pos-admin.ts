import type {
  CreateIntegrationInput,
  CreateIntegrationResult,
  IntegrationHealthResult,
  MenuPushView,
  Paged,
  PosIntegrationView,
  RotateSecretResult,
  SyncLogFilter,
  SyncLogView,
  TestConnectionResult,
  WebhookEventView,
} from '../../../typings/api/pos-admin';
import { callFunction } from '../../services/transport';

export type {
  CreateIntegrationInput,
  CreateIntegrationResult,
  IntegrationHealthResult,
  MenuPushView,
  Paged,
  PosIntegrationView,
  PosVendor,
  RotateSecretResult,
  SyncLogFilter,
  SyncLogView,
  TestConnectionResult,
  WebhookEvent,
  WebhookEventView,
  WindowHealth,
} from '../../../typings/api/pos-admin';

/** Staff-only actions of the pos-interface function (POS integrations, logs, webhooks, menu push). */
const FN = 'pos-interface';

export function listIntegrations(
  filter: { storeId?: string; status?: 'active' | 'disabled'; keyword?: string; page?: number; pageSize?: number } = {},
): Promise<Paged<PosIntegrationView>> {
  return callFunction(FN, 'listIntegrations', filter);
}

export function getIntegration(integrationId: string): Promise<PosIntegrationView> {
  return callFunction(FN, 'getIntegration', { integrationId });
}

export function createIntegration(input: CreateIntegrationInput): Promise<CreateIntegrationResult> {
  return callFunction(FN, 'createIntegration', { ...input });
}

export function updateIntegration(
  integrationId: string,
  changes: Partial<Omit<CreateIntegrationInput, 'storeId' | 'vendor' | 'restaurantId'>>,
): Promise<PosIntegrationView> {
  return callFunction(FN, 'updateIntegration', { integrationId, ...changes });
}

export function setIntegrationEnabled(integrationId: string, enabled: boolean): Promise<PosIntegrationView> {
  return callFunction(FN, enabled ? 'enableIntegration' : 'disableIntegration', { integrationId });
}

export function rotateSecret(integrationId: string, graceHours = 24): Promise<RotateSecretResult> {
  return callFunction(FN, 'rotateIntegrationSecret', { integrationId, graceHours });
}

export function testConnection(integrationId: string): Promise<TestConnectionResult> {
  return callFunction(FN, 'testIntegrationConnection', { integrationId });
}

export function deleteIntegration(integrationId: string, confirmName: string): Promise<{ deleted: true; integrationId: string }> {
  return callFunction(FN, 'deleteIntegration', { integrationId, confirmName });
}

export function listSyncLogs(filter: SyncLogFilter): Promise<Paged<SyncLogView>> {
  return callFunction(FN, 'listSyncLogs', { ...filter });
}

export function getSyncLog(id: string): Promise<SyncLogView> {
  return callFunction(FN, 'getSyncLog', { id });
}

export function integrationHealth(integrationId?: string): Promise<IntegrationHealthResult> {
  return callFunction(FN, 'integrationHealth', integrationId ? { integrationId } : {});
}

export function listDeadLetters(filter: { integrationId?: string; page?: number; pageSize?: number } = {}): Promise<Paged<WebhookEventView>> {
  return callFunction(FN, 'listDeadLetters', filter);
}

export function replayDeadLetter(id: string): Promise<WebhookEventView> {
  return callFunction(FN, 'replayDeadLetter', { id });
}

/** Starts a push and resolves when it has finished; poll getMenuPush(pushId) meanwhile for progress. */
export function pushMenu(integrationId: string, syncType: 'full' | 'incremental', pushId: string): Promise<MenuPushView> {
  return callFunction(FN, 'pushMenu', { integrationId, syncType, pushId });
}

export function getMenuPush(pushId: string): Promise<MenuPushView> {
  return callFunction(FN, 'getMenuPush', { pushId });
}

/** A client-chosen push id, so the page can poll progress while pushMenu is still running. */
export function newPushId(): string {
  const random = Math.random().toString(36).slice(2, 12).padEnd(10, '0');
  return `push_${Date.now().toString(36)}${random}`;
}
