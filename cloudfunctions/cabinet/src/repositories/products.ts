import { Collections } from '../../../shared/collections';
import { findById, getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { ProductStatus } from '../../../../typings/api/cabinet-views';
import type { ProductRecord } from '../domain/records';

const products = () => getDatabase().collection<ProductRecord>(Collections.cabinetProducts);
const _ = () => getDatabase().command;

export const productIdOf = (storeId: string, sku: string) => `${storeId}:${sku}`;

export async function findProduct(storeId: string, sku: string): Promise<ProductRecord | null> {
  return findById<ProductRecord>(Collections.cabinetProducts, productIdOf(storeId, sku));
}

export async function findProductsBySku(storeId: string, skus: string[]): Promise<Map<string, ProductRecord>> {
  if (skus.length === 0) return new Map();
  const { data } = await products()
    .where({ _id: _().in([...new Set(skus)].slice(0, MAX_PAGE_SIZE).map((sku) => productIdOf(storeId, sku))) })
    .limit(MAX_PAGE_SIZE)
    .get();
  return new Map(data.map((p) => [p.sku, p]));
}

/** Creates or replaces the store's product with this SKU (the id is store + SKU: no duplicates). */
export async function saveProduct(record: ProductRecord): Promise<void> {
  const { _id, ...rest } = record;
  await products().doc(_id).set({ data: rest });
}

export async function pageProducts(
  filter: { storeId: string; keyword?: string; status?: ProductStatus },
  page: number,
  pageSize: number,
): Promise<{ items: ProductRecord[]; total: number }> {
  const where: Record<string, unknown> = { storeId: filter.storeId };
  if (filter.status) where.status = filter.status;
  if (filter.keyword) where.name = getDatabase().RegExp({ regexp: filter.keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
  const [{ data }, { total }] = await Promise.all([
    products()
      .where(where)
      .orderBy('sku', 'asc')
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
    products().where(where).count(),
  ]);
  return { items: data, total };
}
