import type { PageStatus } from '../../../../components/page-state/index';
import { listProducts, saveProduct } from '../../../services/cabinet';
import { queryId } from '../../../utils/query-id';
import { toast, toastError } from '../../../../utils/feedback';
import { yuanTextToFen } from '../../../../utils/format';
import { errorState } from '../../../../utils/page-error';

const SKU = /^[A-Za-z0-9_.-]{1,40}$/;
const BARCODE = /^[0-9A-Za-z-]{4,32}$/;

/** 价格 as staff type it: fen → "3.50". */
function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/**
 * 编辑商品 (`?storeId=&sku=`, managers; without `sku` a new product): SKU (fixed once saved), name,
 * price, barcode, image and whether it is on sale. Checked here as the contract checks it, so
 * staff read the problem next to the field.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    isNew: true,
    sku: '',
    name: '',
    price: '',
    barcode: '',
    imageUrl: '',
    onSale: true,
    errors: {} as Record<string, string>,
    saving: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    if (!queryId(this, query, 'storeId', '门店')) return;
    const sku = query.sku ?? '';
    this.setData({ isNew: !sku, sku });
    if (sku) void this.load(sku);
    else {
      wx.setNavigationBarTitle({ title: '新增商品' });
      this.setData({ status: 'ready' });
    }
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load(this.data.sku);
  },

  async load(sku: string) {
    try {
      const { items } = await listProducts({ storeId: this.data.storeId, keyword: sku, page: 1, pageSize: 20 });
      const product = items.find((p) => p.sku === sku);
      if (!product) {
        this.setData({ status: 'error', errorText: '商品不存在', retryable: false });
        return;
      }
      this.setData({
        status: 'ready',
        name: product.name,
        price: yuanText(product.priceFen),
        barcode: product.barcode ?? '',
        imageUrl: product.imageUrl ?? '',
        onSale: product.status === 'on_sale',
      });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>) {
    this.setData({ [e.currentTarget.dataset.field]: e.detail.value, [`errors.${e.currentTarget.dataset.field}`]: '' });
  },

  onSaleChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    this.setData({ onSale: e.detail.value });
  },

  validate(): Record<string, string> {
    const errors: Record<string, string> = {};
    const { sku, name, price, barcode, imageUrl } = this.data;
    if (!SKU.test(sku.trim())) errors.sku = 'SKU 只能包含字母、数字、_ . -，最多 40 位';
    if (!name.trim() || name.trim().length > 40) errors.name = '请填写名称（最多 40 字）';
    const fen = yuanTextToFen(price);
    if (fen === null || fen > 1_000_000) errors.price = '请填写价格（元，最多两位小数，不超过 10000）';
    if (barcode.trim() && !BARCODE.test(barcode.trim())) errors.barcode = '条码只能包含字母、数字和 -（4–32 位）';
    if (imageUrl.trim() && !/^https?:\/\/\S+$/.test(imageUrl.trim())) errors.imageUrl = '图片地址须以 http:// 或 https:// 开头';
    return errors;
  },

  async onSave() {
    if (this.data.saving) return;
    const errors = this.validate();
    this.setData({ errors });
    if (Object.keys(errors).length) return;
    this.setData({ saving: true });
    try {
      const { storeId, sku, name, price, barcode, imageUrl, onSale } = this.data;
      await saveProduct({
        storeId,
        sku: sku.trim(),
        name: name.trim(),
        priceFen: yuanTextToFen(price) ?? 0,
        barcode: barcode.trim() || null,
        imageUrl: imageUrl.trim() || null,
        status: onSale ? 'on_sale' : 'off_sale',
      });
      toast(this, '已保存', 'success');
      setTimeout(() => wx.navigateBack(), 600);
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ saving: false });
    }
  },
});
