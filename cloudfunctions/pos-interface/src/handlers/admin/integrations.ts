import { posInterfaceContract } from '../../../../../typings/api/pos-interface';
import { AppError, CommonErrors, implement } from '../../../../shared/kit';
import { masterKeyFromEnv, seal } from '../../../../shared/domain/secret-box';
import { isUsableOutboundUrl, OUTBOUND_UNAVAILABLE_MESSAGE } from '../../../../shared/integration/outbound-guard';
import { fingerprintSecret, generateApiKey, generateIntegrationId, generateSecret } from '../../domain/credentials';
import type { PosIntegration } from '../../domain/integration';
import {
  insertIntegration,
  vendorSecretAad,
  listIntegrations as queryIntegrations,
  removeIntegration,
  rotateIntegrationSecret as rotateStoredSecret,
  updateIntegration as patchIntegration,
} from '../../repositories/integration-repository';
import { loadIntegrationFor, visibleStoreIds } from './access';
import { audit } from './audit';
import { integrationView } from './integration-view';

const { actions } = posInterfaceContract;
const SECRET_NOTICE = '密钥仅显示这一次，请立即复制并妥善保存；平台只保存加密后的密钥，之后无法再次查看。';
const TARGET = 'pos_integration';

/**
 * The outbound URLs must be reachable public https targets (the SSRF guard, after DNS); the
 * sender checks again on every call, since DNS can change after this. One message for every
 * refusal, so the check tells nothing about the network behind it.
 */
async function assertOutboundTargets(urls: { endpoint?: string; webhookUrl?: string }): Promise<void> {
  for (const field of ['endpoint', 'webhookUrl'] as const) {
    const url = urls[field];
    if (url && !(await isUsableOutboundUrl(url)))
      throw new AppError(CommonErrors.VALIDATION_FAILED, { message: `参数校验失败: ${field} ${OUTBOUND_UNAVAILABLE_MESSAGE}`, details: { field } });
  }
}

export const createIntegration = implement(actions.createIntegration, async (input, ctx) => {
  await assertOutboundTargets(input);
  const apiKey = generateApiKey();
  const secret = generateSecret();
  const now = new Date();
  const integration: PosIntegration = {
    _id: generateIntegrationId(),
    name: input.name,
    vendor: input.vendor,
    storeId: input.storeId,
    restaurantId: input.restaurantId ?? input.storeId,
    apiKey,
    // The API key is the AAD: the sealed secret only opens on this integration.
    secret: seal(secret, masterKeyFromEnv(), apiKey),
    secretFingerprint: fingerprintSecret(secret),
    previousSecrets: [],
    endpoint: input.endpoint,
    webhookUrl: input.webhookUrl,
    events: input.events,
    ipWhitelist: input.ipWhitelist,
    rateLimitPerMinute: input.rateLimitPerMinute,
    status: 'active',
    vendorConfig: input.vendorConfig,
    ...(input.vendorSecret ? sealVendorSecret(input.vendorSecret, apiKey) : {}),
    createdAt: now,
    updatedAt: now,
  };
  await insertIntegration(integration);
  await audit(
    ctx,
    'pos.integration.create',
    { type: TARGET, id: integration._id, storeId: integration.storeId },
    `创建收银接入「${integration.name}」（${integration.vendor}），密钥指纹 ${integration.secretFingerprint}`,
  );
  return { integration: integrationView(integration, now), apiKey, secret, secretNotice: SECRET_NOTICE };
});

export const listIntegrations = implement(actions.listIntegrations, async (input, ctx) => {
  const visible = visibleStoreIds(ctx.staff);
  const storeIds = input.storeId ? (visible && !visible.includes(input.storeId) ? [] : [input.storeId]) : visible;
  const page = await queryIntegrations(
    { storeIds, vendor: input.vendor, status: input.status, keyword: input.keyword || undefined },
    input.page,
    input.pageSize,
  );
  const now = new Date();
  return { ...page, items: page.items.map((i) => integrationView(i, now)) };
});

export const getIntegration = implement(actions.getIntegration, async (input, ctx) => integrationView(await loadIntegrationFor(ctx, input.integrationId)));

export const updateIntegration = implement(actions.updateIntegration, async (input, ctx) => {
  const { integrationId: id, vendorSecret, ...changes } = input;
  const fields = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
  if (fields.length === 0 && !vendorSecret)
    throw new AppError(CommonErrors.VALIDATION_FAILED, { message: '参数校验失败: 至少修改一个字段', details: { field: '(root)' } });
  await assertOutboundTargets(changes);
  const current = await loadIntegrationFor(ctx, id);
  const now = new Date();
  const patch: Record<string, unknown> = { updatedAt: now };
  for (const field of fields) patch[field] = changes[field as keyof typeof changes];
  const sealedVendor = vendorSecret ? sealVendorSecret(vendorSecret, current.apiKey) : {};
  Object.assign(patch, sealedVendor);
  if (vendorSecret) fields.push('vendorSecret');
  await patchIntegration(id, patch);
  await audit(ctx, 'pos.integration.update', { type: TARGET, id, storeId: current.storeId }, `修改收银接入「${current.name}」：${fields.join(', ')}`, {
    fields,
    ...(changes.vendorConfig ? { vendorConfigKeys: Object.keys(changes.vendorConfig) } : {}),
  });
  return integrationView(
    { ...current, ...changes, ...sealedVendor, vendorConfig: changes.vendorConfig ?? current.vendorConfig, updatedAt: now } as PosIntegration,
    now,
  );
});

function sealVendorSecret(vendorSecret: string, apiKey: string): Pick<PosIntegration, 'vendorSecret' | 'vendorSecretFingerprint'> {
  return { vendorSecret: seal(vendorSecret, masterKeyFromEnv(), vendorSecretAad(apiKey)), vendorSecretFingerprint: fingerprintSecret(vendorSecret) };
}

function statusAction(spec: typeof actions.enableIntegration, status: 'active' | 'disabled') {
  return implement(spec, async (input, ctx) => {
    const current = await loadIntegrationFor(ctx, input.integrationId);
    const now = new Date();
    if (current.status !== status) {
      await patchIntegration(current._id, { status, updatedAt: now });
      await audit(
        ctx,
        status === 'active' ? 'pos.integration.enable' : 'pos.integration.disable',
        { type: TARGET, id: current._id, storeId: current.storeId },
        `${status === 'active' ? '启用' : '停用'}收银接入「${current.name}」`,
      );
    }
    return integrationView({ ...current, status, updatedAt: now }, now);
  });
}

export const enableIntegration = statusAction(actions.enableIntegration, 'active');
export const disableIntegration = statusAction(actions.disableIntegration, 'disabled');

export const rotateIntegrationSecret = implement(actions.rotateIntegrationSecret, async (input, ctx) => {
  const visible = await loadIntegrationFor(ctx, input.integrationId);
  const secret = generateSecret();
  const fingerprint = fingerprintSecret(secret);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.graceHours * 3_600_000);
  const rotated = await rotateStoredSecret(visible._id, (current) => ({
    secret: seal(secret, masterKeyFromEnv(), current.apiKey),
    secretFingerprint: fingerprint,
    // graceHours 0 is the emergency revoke (a leaked secret): every earlier secret stops at once,
    // including ones still in the grace of an earlier rotation. Otherwise older grace secrets keep
    // their own expiry, and expired ones are dropped here.
    previousSecrets:
      input.graceHours > 0
        ? [
            { secret: current.secret, fingerprint: current.secretFingerprint, expiresAt },
            ...(current.previousSecrets ?? []).filter((p) => new Date(p.expiresAt).getTime() > now.getTime()),
          ]
        : [],
    updatedAt: now,
  }));
  if (!rotated) throw new AppError(CommonErrors.NOT_FOUND, { message: '接入配置不存在', details: { field: 'integrationId' } });
  await audit(
    ctx,
    'pos.integration.rotate-secret',
    { type: TARGET, id: rotated._id, storeId: rotated.storeId },
    `轮换收银接入「${rotated.name}」密钥：${visible.secretFingerprint} → ${fingerprint}，${input.graceHours > 0 ? `旧密钥宽限 ${input.graceHours} 小时` : '紧急吊销：所有旧密钥立即失效'}`,
  );
  return {
    integration: integrationView(rotated, now),
    secret,
    previousSecretExpiresAt: input.graceHours > 0 ? expiresAt : null,
    secretNotice: SECRET_NOTICE,
  };
});

/**
 * Hard delete: the credentials must stop working at once and nothing should keep a sealed
 * secret around. The audit entry keeps a secret-free snapshot; sync logs stay as history,
 * and pending webhooks of the integration go dead on their next attempt.
 */
export const deleteIntegration = implement(actions.deleteIntegration, async (input, ctx) => {
  const current = await loadIntegrationFor(ctx, input.integrationId);
  if (input.confirmName !== current.name) {
    throw new AppError(CommonErrors.VALIDATION_FAILED, { message: '参数校验失败: confirmName 与接入名称不一致', details: { field: 'confirmName' } });
  }
  await removeIntegration(current._id);
  const { secret: _s, previousSecrets: _p, vendorConfig: _v, vendorSecret: _vs, ...snapshot } = current;
  await audit(
    ctx,
    'pos.integration.delete',
    { type: TARGET, id: current._id, storeId: current.storeId },
    `删除收银接入「${current.name}」（${current.vendor}）`,
    { snapshot },
  );
  return { deleted: true as const, integrationId: current._id };
});
