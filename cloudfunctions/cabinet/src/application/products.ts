import type { ProductPage, ProductStatus, ProductView } from '../../../../typings/api/cabinet-views';
import type { StaffMember } from '../../../shared/kit/roles';
import { toPage } from '../../../shared/repositories/database';
import { findProduct, pageProducts, productIdOf, saveProduct as storeProduct } from '../repositories/products';
import { productView } from './views';

export async function listProducts(input: {
  storeId: string;
  keyword?: string;
  status?: ProductStatus;
  page: number;
  pageSize: number;
}): Promise<ProductPage<Date>> {
  const { items, total } = await pageProducts(
    { storeId: input.storeId, ...(input.keyword ? { keyword: input.keyword } : {}), ...(input.status ? { status: input.status } : {}) },
    input.page,
    input.pageSize,
  );
  return toPage(items.map(productView), total, input);
}

export async function saveProduct(
  staff: StaffMember,
  input: { storeId: string; sku: string; name: string; priceFen: number; barcode?: string | null; imageUrl?: string | null; status?: ProductStatus },
): Promise<ProductView<Date>> {
  const now = new Date();
  const existing = await findProduct(input.storeId, input.sku);
  const record = {
    _id: productIdOf(input.storeId, input.sku),
    storeId: input.storeId,
    sku: input.sku,
    name: input.name,
    priceFen: input.priceFen,
    barcode: input.barcode === undefined ? (existing?.barcode ?? null) : input.barcode,
    imageUrl: input.imageUrl === undefined ? (existing?.imageUrl ?? null) : input.imageUrl,
    status: input.status ?? existing?.status ?? 'on_sale',
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    updatedBy: staff.openid,
  };
  await storeProduct(record);
  return productView(record);
}
