import type { PageStatus } from '../../../../components/page-state/index';
import type { StoreDetail } from '../../../services/admin';
import { createStore, getStore, setStoreStatus, updateStore } from '../../../services/admin';
import { errorMessage, isApiError } from '../../../../services/errors';
import { errorState } from '../../../../utils/page-error';
import { toast, toastError } from '../../../../utils/feedback';
import { loadSession } from '../../../../utils/session';
import { can } from '../../../../utils/permissions';
import { storeStatusLabel } from '../../../../utils/labels/admin';
import { yuanTextToFen } from '../../../../utils/format';

const TYPES = ['餐厅', '儿童', '电玩', '运动馆'];
const PROPERTIES = ['直营', '加盟'];
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];

interface Form {
  code: string;
  name: string;
  type: string;
  property: string;
  address: string;
  phone: string;
  open: string;
  close: string;
  contactName: string;
  contactPhone: string;
  /** yuan, as typed; stored as integer fen */
  amountLimitYuan: string;
  minTicketBalance: string;
}

const EMPTY: Form = {
  code: '',
  name: '',
  type: '餐厅',
  property: '直营',
  address: '',
  phone: '',
  open: '',
  close: '',
  contactName: '',
  contactPhone: '',
  amountLimitYuan: '',
  minTicketBalance: '',
};

function toForm(store: StoreDetail): Form {
  const hours = store.businessHours[0];
  return {
    code: store.code ?? '',
    name: store.name,
    type: store.type ?? '餐厅',
    property: store.property ?? '直营',
    address: store.address,
    phone: store.phone ?? '',
    open: hours?.open ?? '',
    close: hours?.close ?? '',
    contactName: store.contact?.name ?? '',
    contactPhone: store.contact?.phone ?? '',
    amountLimitYuan: store.amountLimitFen === null ? '' : String(store.amountLimitFen / 100),
    minTicketBalance: store.minTicketBalance === null ? '' : String(store.minTicketBalance),
  };
}

/** 新建门店 (no `?storeId=`, admins) or 编辑门店 (`?storeId=`); admins also close and reopen it. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    creating: true,
    canClose: false,
    storeStatus: 'active',
    statusLabel: '',
    types: TYPES,
    properties: PROPERTIES,
    form: { ...EMPTY },
    fieldError: '',
    fieldErrorText: '',
    submitting: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ storeId: query.storeId ?? '', creating: !query.storeId });
    wx.setNavigationBarTitle({ title: query.storeId ? '编辑门店' : '新建门店' });
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ status: 'loading' });
    try {
      const session = await loadSession();
      const canClose = can(session.role, 'admin.setStoreStatus');
      if (!this.data.storeId) return this.setData({ canClose: false, status: 'ready' });
      const store = await getStore(this.data.storeId);
      this.setData({ form: toForm(store), canClose, storeStatus: store.status, statusLabel: storeStatusLabel(store.status), status: 'ready' });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onField(e: WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field: string }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, fieldError: '', fieldErrorText: '' });
  },

  fail(field: string, text: string) {
    this.setData({ fieldError: field, fieldErrorText: text });
  },

  async onSubmit() {
    const f = this.data.form;
    if (this.data.creating && !f.code.trim()) return this.fail('code', '请填写门店编码');
    if (!f.name.trim()) return this.fail('name', '请填写门店名称');
    if (!f.address.trim()) return this.fail('address', '请填写地址');
    if (!f.phone.trim()) return this.fail('phone', '请填写电话');
    if (!!f.open !== !!f.close) return this.fail('close', '营业时间要同时填写开门与关门（HH:mm）');
    const amountLimitFen = f.amountLimitYuan.trim() ? yuanTextToFen(f.amountLimitYuan) : null;
    if (f.amountLimitYuan.trim() && amountLimitFen === null) return this.fail('amountLimitFen', '金额上限应为元，最多两位小数');
    const minTickets = f.minTicketBalance.trim() ? Number(f.minTicketBalance) : null;
    if (minTickets !== null && !Number.isInteger(minTickets)) return this.fail('minTicketBalance', '礼票数应为整数');
    const fields = {
      name: f.name.trim(),
      type: f.type as '餐厅',
      property: f.property as '直营',
      address: f.address.trim(),
      phone: f.phone.trim(),
      businessHours: f.open ? [{ weekdays: ALL_WEEK, open: f.open, close: f.close }] : [],
      contact: f.contactName.trim() && f.contactPhone.trim() ? { name: f.contactName.trim(), phone: f.contactPhone.trim() } : null,
      amountLimitFen,
      minTicketBalance: minTickets,
    };
    this.setData({ submitting: true });
    try {
      const saved = this.data.creating ? await createStore({ code: f.code.trim(), ...fields }) : await updateStore({ storeId: this.data.storeId, ...fields });
      toast(this, this.data.creating ? '门店已创建' : '已保存', 'success');
      this.setData({ storeId: saved._id, creating: false, form: toForm(saved), storeStatus: saved.status, statusLabel: storeStatusLabel(saved.status) });
    } catch (error) {
      const field = isApiError(error) ? String(error.details?.field ?? '').split('.')[0] : '';
      if (field) this.fail(field === 'businessHours' ? 'close' : field, errorMessage(error));
      else toastError(this, error);
    } finally {
      this.setData({ submitting: false });
    }
  },

  async onToggleStatus() {
    const closing = this.data.storeStatus === 'active';
    if (closing) {
      const { confirm } = await wx.showModal({ title: '关闭门店', content: '关闭后顾客不能再选择或扫码进入这个门店。', confirmText: '关闭门店' });
      if (!confirm) return;
    }
    try {
      const saved = await setStoreStatus(this.data.storeId, closing ? 'closed' : 'active');
      this.setData({ storeStatus: saved.status, statusLabel: storeStatusLabel(saved.status) });
      toast(this, closing ? '门店已关闭' : '门店已重新开放', 'success');
    } catch (error) {
      toastError(this, error);
    }
  },
});
