import type { SyncKind, SyncLogFilter, UpdateIntegrationInput } from '../../../typings/api/pos-interface';
import { api } from '../../services/api';

export type {
  CreateIntegrationInput,
  CreateIntegrationResult,
  DeleteIntegrationResult,
  IntegrationHealthResult,
  ListDeadLettersInput,
  ListIntegrationsInput,
  MenuPushView,
  PosIntegrationView,
  PosVendor,
  RotateSecretResult,
  SyncLogFilter,
  SyncLogView,
  TestConnectionResult,
  WebhookEvent,
  WebhookEventView,
  WindowHealth,
} from '../../../typings/api/pos-interface';
export type { Page } from '../../../typings/api/common';

import type { CreateIntegrationInput, ListDeadLettersInput, ListIntegrationsInput } from '../../../typings/api/pos-interface';

/** Staff-only actions of the pos-interface function (POS integrations, logs, webhooks, menu push). */
const pos = api.posInterface;

export function listIntegrations(filter: ListIntegrationsInput = {}) {
  return pos.listIntegrations(filter);
}

export function getIntegration(integrationId: string) {
  return pos.getIntegration({ integrationId });
}

export function createIntegration(input: CreateIntegrationInput) {
  return pos.createIntegration({ ...input });
}

export function updateIntegration(integrationId: string, changes: Omit<UpdateIntegrationInput, 'integrationId'>) {
  return pos.updateIntegration({ integrationId, ...changes });
}

export function setIntegrationEnabled(integrationId: string, enabled: boolean) {
  return enabled ? pos.enableIntegration({ integrationId }) : pos.disableIntegration({ integrationId });
}

export function rotateSecret(integrationId: string, graceHours = 24) {
  return pos.rotateIntegrationSecret({ integrationId, graceHours });
}

export function testConnection(integrationId: string) {
  return pos.testIntegrationConnection({ integrationId });
}

export function deleteIntegration(integrationId: string, confirmName: string) {
  return pos.deleteIntegration({ integrationId, confirmName });
}

export function listSyncLogs(filter: SyncLogFilter) {
  // The page holds the kind as its picker's text; the function validates it against SYNC_KINDS.
  const { kind, ...rest } = filter;
  return pos.listSyncLogs({ ...rest, ...(kind ? { kind: kind as SyncKind } : {}) });
}

export function getSyncLog(id: string) {
  return pos.getSyncLog({ id });
}

export function integrationHealth(integrationId?: string) {
  return pos.integrationHealth(integrationId ? { integrationId } : {});
}

export function listDeadLetters(filter: ListDeadLettersInput = {}) {
  return pos.listDeadLetters(filter);
}

export function replayDeadLetter(id: string) {
  return pos.replayDeadLetter({ id });
}

/** Starts a push and resolves when it has finished; poll getMenuPush(pushId) meanwhile for progress. */
export function pushMenu(integrationId: string, syncType: 'full' | 'incremental', pushId: string) {
  return pos.pushMenu({ integrationId, syncType, pushId });
}

export function getMenuPush(pushId: string) {
  return pos.getMenuPush({ pushId });
}

/** A client-chosen push id, so the page can poll progress while pushMenu is still running. */
export function newPushId(): string {
  const random = Math.random().toString(36).slice(2, 12).padEnd(10, '0');
  return `push_${Date.now().toString(36)}${random}`;
}
