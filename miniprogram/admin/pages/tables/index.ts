import type { PageStatus } from '../../../components/page-state/index';
import { isApiError } from '../../../services/errors';
import { toast, toastError } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { errorState } from '../../../utils/page-error';
import { can } from '../../../utils/permissions';
import { loadSession } from '../../../utils/session';
import { createTable, deleteTable, getTableCode, getTableCodeSheet, listTables, rotateTableKey, updateTable, type TableView } from '../../services/ordering';
import { pickStore } from '../../utils/store-pick';

interface TableRow {
  tableId: string;
  name: string;
  meta: string;
  disabled: boolean;
}

type Pending = { kind: 'rotate' | 'delete'; tableId: string } | null;

const rowOf = (table: TableView): TableRow => ({
  tableId: table._id,
  name: table.name,
  meta: [table.area, `${table.seats} 座`, `密钥更新于 ${formatDateTime(table.keyRotatedAt)}`].filter(Boolean).join(' · '),
  disabled: table.status === 'disabled',
});

/**
 * 桌台与桌码 (`?storeId=`): the store's tables (managers add, edit, delete), each table's 小程序码,
 * 轮换密钥 behind a confirm (old codes stop working at once), and the printable sheet of every
 * code. Images arrive as PNG base64; 保存 / 打印 writes the PNG to a user file and opens WeChat's
 * image viewer, whose menu saves, prints or forwards it.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    storeName: '',
    canManage: false,
    tables: [] as TableRow[],
    formOpen: false,
    form: { tableId: '', name: '', area: '', seats: '4' },
    formError: '',
    saving: false,
    imageOpen: false,
    imageLoading: false,
    imageTitle: '',
    imageHint: '',
    imageSrc: '',
    confirm: { visible: false, title: '', content: '', button: '' },
  },

  query: {} as Record<string, string | undefined>,
  list: [] as TableView[],
  pending: null as Pending,
  imageBase64: '',
  imageName: '',

  onLoad(query: Record<string, string | undefined>) {
    this.query = query;
    this.pending = null;
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    try {
      if (!this.data.storeId) {
        const [store, session] = await Promise.all([pickStore(this.query), loadSession()]);
        if (!store) {
          this.setData({ status: 'error', errorText: '没有可管理的门店', retryable: false });
          return;
        }
        this.setData({ storeId: store.storeId, storeName: store.storeName, canManage: can(session.role, 'ordering.createTable') });
      }
      this.list = await listTables(this.data.storeId);
      this.setData({ status: this.list.length ? 'ready' : 'empty', tables: this.list.map(rowOf) });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  // ---- add / edit

  onCreate() {
    this.setData({ formOpen: true, formError: '', form: { tableId: '', name: '', area: '', seats: '4' } });
  },

  onEdit(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const table = this.list.find((candidate) => candidate._id === e.currentTarget.dataset.id);
    if (!table) return;
    this.setData({ formOpen: true, formError: '', form: { tableId: table._id, name: table.name, area: table.area, seats: String(table.seats) } });
  },

  onFormVisible(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
    this.setData({ formOpen: e.detail.visible });
  },

  onField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: 'name' | 'area' | 'seats' }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
  },

  async onSave() {
    const { tableId, name, area, seats } = this.data.form;
    const seatCount = Number(seats);
    if (!name.trim()) return this.setData({ formError: '请填写桌名' });
    if (!Number.isInteger(seatCount) || seatCount < 1 || seatCount > 50) return this.setData({ formError: '座位数为 1–50 的整数' });
    this.setData({ saving: true });
    try {
      const fields = { name: name.trim(), area: area.trim(), seats: seatCount };
      if (tableId) await updateTable(this.data.storeId, tableId, fields);
      else await createTable(this.data.storeId, fields);
      this.setData({ formOpen: false });
      toast(this, tableId ? '已保存' : `已新增桌台 ${fields.name}`, 'success');
      await this.load();
    } catch (error) {
      if (isApiError(error) && error.code >= 40000 && error.code < 50000) this.setData({ formError: error.message });
      else toastError(this, error);
    } finally {
      this.setData({ saving: false });
    }
  },

  // ---- rotate / delete, behind a confirm

  onAskRotate(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const table = this.list.find((candidate) => candidate._id === e.currentTarget.dataset.id);
    this.pending = { kind: 'rotate', tableId: e.currentTarget.dataset.id };
    this.setData({
      confirm: {
        visible: true,
        title: '轮换桌码密钥',
        content: `轮换后 ${table?.name ?? ''} 的旧桌码立即失效，需要重新打印张贴。确认轮换吗？`,
        button: '确认轮换',
      },
    });
  },

  onAskDelete(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const table = this.list.find((candidate) => candidate._id === e.currentTarget.dataset.id);
    this.pending = { kind: 'delete', tableId: e.currentTarget.dataset.id };
    this.setData({
      confirm: { visible: true, title: '删除桌台', content: `确认删除桌台 ${table?.name ?? ''} 吗？它的桌码将无法再点餐。`, button: '确认删除' },
    });
  },

  onCancelConfirm() {
    this.pending = null;
    this.setData({ 'confirm.visible': false });
  },

  async onConfirm() {
    const pending = this.pending;
    this.pending = null;
    this.setData({ 'confirm.visible': false });
    if (!pending) return;
    try {
      if (pending.kind === 'rotate') {
        const table = await rotateTableKey(this.data.storeId, pending.tableId);
        toast(this, `${table.name} 的密钥已轮换，旧桌码已失效`, 'success');
        await this.load();
        await this.showCode(table._id);
      } else {
        await deleteTable(this.data.storeId, pending.tableId);
        toast(this, '已删除', 'success');
        await this.load();
      }
    } catch (error) {
      toastError(this, error);
    }
  },

  // ---- codes

  async onShowCode(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    await this.showCode(e.currentTarget.dataset.id);
  },

  async showCode(tableId: string) {
    const table = this.list.find((candidate) => candidate._id === tableId);
    await this.showImage(`桌码 ${table?.name ?? ''}`, `table-${tableId}`, async () => {
      const code = await getTableCode(this.data.storeId, tableId);
      // the scene is what 开发者工具's 编译模式 takes as the launch query (scene=…) in local mode
      return { base64: code.pngBase64, hint: `微信扫一扫即可点餐；轮换密钥后需重新打印。scene：${code.scene}` };
    });
  },

  async onSheet() {
    await this.showImage('全部桌码', 'table-codes', async () => {
      const sheet = await getTableCodeSheet(this.data.storeId);
      return { base64: sheet.pngBase64, hint: `共 ${sheet.tableCount} 张桌码，打印后裁开张贴` };
    });
  },

  async showImage(title: string, name: string, fetch: () => Promise<{ base64: string; hint: string }>) {
    this.imageBase64 = '';
    this.imageName = name;
    this.setData({ imageOpen: true, imageLoading: true, imageTitle: title, imageHint: '', imageSrc: '' });
    try {
      const { base64, hint } = await fetch();
      this.imageBase64 = base64;
      this.setData({ imageLoading: false, imageSrc: `data:image/png;base64,${base64}`, imageHint: hint });
    } catch (error) {
      this.setData({ imageOpen: false, imageLoading: false });
      toastError(this, error);
    }
  },

  onImageVisible(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
    this.setData({ imageOpen: e.detail.visible });
  },

  onSaveImage() {
    const filePath = `${wx.env.USER_DATA_PATH}/${this.imageName}.png`;
    wx.getFileSystemManager().writeFile({
      filePath,
      data: this.imageBase64,
      encoding: 'base64',
      success: () => void wx.previewImage({ urls: [filePath], current: filePath }),
      fail: () => toast(this, '保存失败，请长按图片保存', 'error'),
    });
  },
});
