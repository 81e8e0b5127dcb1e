import type { StoreSummary } from '../../../services/admin';
import type { PageStatus } from '../../../../components/page-state/index';
import { listMyStores } from '../../../services/admin';
import { errorMessage, isApiError } from '../../../../services/errors';
import { errorState } from '../../../../utils/page-error';
import { createIntegration, type CreateIntegrationResult, type PosVendor, type WebhookEvent } from '../../../services/pos-interface';
import { toast, toastError } from '../../../../utils/feedback';
import { EVENT_LABELS, VENDOR_LABELS } from '../../../utils/pos-labels';
import { ROUTES, withQuery } from '../../../../config/routes';

const VENDORS = Object.entries(VENDOR_LABELS).map(([value, label]) => ({ value, label }));
const EVENTS = Object.entries(EVENT_LABELS).map(([value, label]) => ({ value, label }));

/** New integration form; after saving, shows the secret once and then opens the detail. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    stores: [] as StoreSummary[],
    vendors: VENDORS,
    events: EVENTS,
    form: {
      storeId: '',
      vendor: 'standard' as PosVendor,
      name: '',
      endpoint: '',
      webhookUrl: '',
      events: EVENTS.map((e) => e.value) as WebhookEvent[],
      vendorSecret: '',
    },
    fieldError: '' as string,
    fieldErrorText: '',
    submitting: false,
    created: null as CreateIntegrationResult | null,
  },

  onLoad() {
    void this.loadStores();
  },

  onRetry() {
    void this.loadStores();
  },

  async loadStores() {
    this.setData({ status: 'loading' });
    try {
      const result = await listMyStores(1, 100);
      this.setData({ stores: result.items, 'form.storeId': result.items[0]?._id ?? '', status: result.items.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onField(e: WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field: string }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, fieldError: '', fieldErrorText: '' });
  },

  async onSubmit() {
    const form = this.data.form;
    if (!form.name.trim()) {
      this.setData({ fieldError: 'name', fieldErrorText: '请填写接入名称' });
      return;
    }
    this.setData({ submitting: true });
    try {
      const created = await createIntegration({
        storeId: form.storeId,
        vendor: form.vendor,
        name: form.name.trim(),
        endpoint: form.endpoint.trim(),
        webhookUrl: form.webhookUrl.trim(),
        events: form.events,
        ...(form.vendor !== 'standard' && form.vendorSecret ? { vendorSecret: form.vendorSecret } : {}),
      });
      this.setData({ created });
    } catch (error) {
      // Show validation failures next to their field.
      const field = isApiError(error) ? String(error.details?.field ?? '').split('.')[0] : '';
      this.setData({ fieldError: field, fieldErrorText: errorMessage(error) });
      toastError(this, error);
    } finally {
      this.setData({ submitting: false });
    }
  },

  onSecretCopied() {
    toast(this, '已复制', 'success');
  },

  onSecretDone() {
    const id = this.data.created?.integration._id;
    // The secret leaves memory with this page.
    this.setData({ created: null });
    if (id) wx.redirectTo({ url: withQuery(ROUTES.posIntegration, { integrationId: id }) });
  },
});
