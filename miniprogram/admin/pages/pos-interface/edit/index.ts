import type { PageStatus } from '../../../../components/page-state/index';
import { errorMessage, isApiError } from '../../../../services/errors';
import { errorState } from '../../../../utils/page-error';
import { getIntegration, updateIntegration, type PosIntegrationView } from '../../../services/pos-interface';
import { toast } from '../../../../utils/feedback';
import { queryId } from '../../../utils/query-id';

interface Form {
  name: string;
  endpoint: string;
  webhookUrl: string;
  /** one address or CIDR per line (commas and spaces also separate) */
  ipWhitelist: string;
  rateLimitPerMinute: string;
}

type Changes = Parameters<typeof updateIntegration>[1];

function formOf(item: PosIntegrationView): Form {
  return {
    name: item.name,
    endpoint: item.endpoint,
    webhookUrl: item.webhookUrl,
    ipWhitelist: item.ipWhitelist.join('\n'),
    rateLimitPerMinute: String(item.rateLimitPerMinute),
  };
}

function whitelistOf(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Only what the staff member changed (updateIntegration takes at least one field), or a field error. */
function changesOf(form: Form, item: PosIntegrationView): { changes: Changes } | { field: keyof Form; message: string } {
  const changes: Changes = {};
  const name = form.name.trim();
  if (!name) return { field: 'name', message: '请填写接入名称' };
  if (name !== item.name) changes.name = name;
  if (form.endpoint.trim() !== item.endpoint) changes.endpoint = form.endpoint.trim();
  if (form.webhookUrl.trim() !== item.webhookUrl) changes.webhookUrl = form.webhookUrl.trim();
  const whitelist = whitelistOf(form.ipWhitelist);
  if (whitelist.join('\n') !== item.ipWhitelist.join('\n')) changes.ipWhitelist = whitelist;
  const rate = Number(form.rateLimitPerMinute.trim());
  if (!Number.isInteger(rate) || rate < 1 || rate > 10_000) return { field: 'rateLimitPerMinute', message: '频率限制为 1–10000 的整数（次/分钟）' };
  if (rate !== item.rateLimitPerMinute) changes.rateLimitPerMinute = rate;
  return { changes };
}

/** 编辑收银接入 (managers and admins): endpoint, webhook URL, IP whitelist, rate limit, name. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    integrationId: '',
    item: null as PosIntegrationView | null,
    form: { name: '', endpoint: '', webhookUrl: '', ipWhitelist: '', rateLimitPerMinute: '' } as Form,
    fieldError: '',
    fieldErrorText: '',
    submitting: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    if (queryId(this, query, 'integrationId', '接入')) void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const item = await getIntegration(this.data.integrationId);
      this.setData({ item, form: formOf(item), status: 'ready' });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: keyof Form }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, fieldError: '', fieldErrorText: '' });
  },

  async onSubmit() {
    const item = this.data.item;
    if (!item || this.data.submitting) return;
    const result = changesOf(this.data.form, item);
    if ('field' in result) {
      this.setData({ fieldError: result.field, fieldErrorText: result.message });
      return;
    }
    if (!Object.keys(result.changes).length) {
      toast(this, '没有修改');
      return;
    }
    this.setData({ submitting: true });
    try {
      const saved = await updateIntegration(item._id, result.changes);
      this.setData({ item: saved, form: formOf(saved) });
      toast(this, '已保存', 'success');
      setTimeout(() => wx.navigateBack({ delta: 1 }), 1000);
    } catch (error) {
      // A validation failure names its field (ipWhitelist.2 → ipWhitelist): show it there.
      const named = isApiError(error) ? String(error.details?.field ?? error.details?.issues?.[0]?.path ?? '').split('.')[0] : '';
      const field = ['name', 'endpoint', 'webhookUrl', 'rateLimitPerMinute', 'ipWhitelist'].includes(named) ? named : '';
      this.setData({ fieldError: field, fieldErrorText: errorMessage(error) });
    } finally {
      this.setData({ submitting: false });
    }
  },
});
