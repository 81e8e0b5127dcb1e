import { Collections } from '../../cloudfunctions/shared/collections';
import { createCollections } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import type { ListMyStoresResult, StoreDetail } from '../../typings/api/admin';

interface Reply<T> {
  code: number;
  message: string;
  data: T | null;
  details?: { field?: string };
}

/** admin.listMyStores / admin.getStore through the real bundle and the emulator's bridge. */
describe('admin store actions', () => {
  let emulator: TestEmulator;
  const list = (openid: string | undefined, input: Record<string, unknown> = {}) =>
    emulator.call<Reply<ListMyStoresResult>>('admin', { action: 'listMyStores', ...input }, openid);
  const get = (openid: string, storeId: string) => emulator.call<Reply<StoreDetail>>('admin', { action: 'getStore', storeId }, openid);

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    emulator.db.insertRaw(Collections.stores, [
      {
        _id: 'rest_123456',
        code: 'SH-001',
        name: '气候餐厅（示范店）',
        type: '餐厅',
        address: '上海市徐汇区示范路 88 号',
        phone: '021-00000000',
        status: 'active',
      },
      { _id: 's2', name: '二号店', address: '北京路 2 号', status: 'active' },
      { _id: 's3', name: '三号店', status: 'disabled' },
    ]);
    emulator.db.insertRaw(Collections.staff, [
      { _id: 'st_admin', openid: 'admin-openid', name: '示范管理员', role: 'admin', storeIds: ['rest_123456'], status: 'active' },
      { _id: 'st_manager', openid: 'manager-openid', name: '王店长', role: 'manager', storeIds: ['s2', 's2'], status: 'active' },
      { _id: 'st_clerk', openid: 'clerk-openid', name: '小李', role: 'clerk', storeIds: [], status: 'active' },
      { _id: 'st_gone', openid: 'gone-openid', name: '离职', role: 'admin', storeIds: [], status: 'disabled' },
    ]);
    emulator.db.insertRaw(Collections.devices, [
      { _id: 'd1', deviceCode: 'XM-1', storeId: 'rest_123456' },
      { _id: 'd2', deviceCode: 'XM-2', storeId: 'rest_123456' },
      { _id: 'd3', deviceCode: 'XM-3', storeId: 's2' },
    ]);
  });
  afterAll(() => emulator.stop());

  it('admins see every store, paginated by id', async () => {
    const first = await list('admin-openid', { pageSize: 2 });
    expect(first).toMatchObject({ code: 0, data: { total: 3, page: 1, pageSize: 2, hasMore: true } });
    expect(first.data!.items).toEqual([
      { _id: 'rest_123456', name: '气候餐厅（示范店）', address: '上海市徐汇区示范路 88 号' },
      { _id: 's2', name: '二号店', address: '北京路 2 号' },
    ]);
    const second = await list('admin-openid', { page: 2, pageSize: 2 });
    expect(second.data).toMatchObject({ items: [{ _id: 's3', name: '三号店', address: '' }], total: 3, page: 2, hasMore: false });
  });

  it('managers and clerks see only their storeIds', async () => {
    expect((await list('manager-openid')).data).toMatchObject({ items: [{ _id: 's2' }], total: 1, hasMore: false });
    expect((await list('clerk-openid')).data).toEqual({ items: [], total: 0, page: 1, pageSize: 20, hasMore: false });
  });

  it('refuses diners, disabled staff and anonymous callers', async () => {
    expect(await list('diner-openid')).toMatchObject({ code: 40301, message: '仅限员工使用' });
    expect(await list('gone-openid')).toMatchObject({ code: 40301 });
    expect(await list(undefined)).toMatchObject({ code: 40101 });
  });

  it('caps pageSize at 100 and rejects unknown input', async () => {
    expect(await list('admin-openid', { pageSize: 101 })).toMatchObject({ code: 40001, details: { field: 'pageSize' } });
    expect(await list('admin-openid', { page: 0 })).toMatchObject({ code: 40001, details: { field: 'page' } });
    expect(await list('admin-openid', { storeIds: ['x'] })).toMatchObject({ code: 40001 });
  });

  it('getStore returns the store with its device count, within the caller’s stores', async () => {
    expect((await get('admin-openid', 'rest_123456')).data).toEqual({
      _id: 'rest_123456',
      name: '气候餐厅（示范店）',
      address: '上海市徐汇区示范路 88 号',
      code: 'SH-001',
      phone: '021-00000000',
      type: '餐厅',
      status: 'active',
      deviceCount: 2,
      // a store written before the store editor: the newer fields read as empty
      property: null,
      businessHours: [],
      contact: null,
      amountLimitFen: null,
      minTicketBalance: null,
      location: null,
    });
    expect((await get('manager-openid', 's2')).data).toMatchObject({ _id: 's2', deviceCount: 1, code: null });
    expect(await get('manager-openid', 'rest_123456')).toMatchObject({ code: 40301, message: '无权操作该门店' });
    expect(await get('admin-openid', 'missing')).toMatchObject({ code: 40402, message: '门店不存在' });
  });
});
