import { Collections } from '../../cloudfunctions/shared/collections';
import { createCollections } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import type { Session } from '../../typings/api/member';
import type { ListMyStoresResult } from '../../typings/api/admin';

interface Reply<T> {
  code: number;
  message: string;
  data: T | null;
}

/**
 * Several staff records for one openid (re-hired: an old disabled record and a new active one;
 * or a duplicate): the lookup behind every staff action and member.getSession must not depend on
 * the collection's natural order. The active record wins; among several, the lowest _id.
 * Records are inserted in the order that a natural-order `limit(1)` would get wrong.
 */
describe('staff lookup with several records for one openid', () => {
  let emulator: TestEmulator;
  const session = (openid: string) => emulator.call<Reply<Session>>('member', { action: 'getSession' }, openid);
  const stores = (openid: string) => emulator.call<Reply<ListMyStoresResult>>('admin', { action: 'listMyStores' }, openid);

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    emulator.db.insertRaw(Collections.stores, [
      { _id: 's1', name: '一号店', status: 'active' },
      { _id: 's2', name: '二号店', status: 'active' },
      { _id: 's3', name: '三号店', status: 'active' },
    ]);
    emulator.db.insertRaw(Collections.staff, [
      // re-hired: the old, disabled record comes first in natural order
      { _id: 'st_old', openid: 'rehired-openid', name: '老记录', role: 'admin', storeIds: [], status: 'disabled' },
      { _id: 'st_new', openid: 'rehired-openid', name: '王店长', role: 'manager', storeIds: ['s2'], status: 'active' },
      // two active records: inserted highest _id first, the lowest _id must win every time
      { _id: 'st_dup_2', openid: 'dup-openid', name: '副本二', role: 'clerk', storeIds: ['s3'], status: 'active' },
      { _id: 'st_dup_1', openid: 'dup-openid', name: '副本一', role: 'manager', storeIds: ['s1'], status: 'active' },
      // only disabled records: still no access
      { _id: 'st_gone_b', openid: 'gone-openid', name: '离职二', role: 'admin', storeIds: [], status: 'disabled' },
      { _id: 'st_gone_a', openid: 'gone-openid', name: '离职一', role: 'admin', storeIds: [], status: 'disabled' },
      // the ordinary single-record case
      { _id: 'st_single', openid: 'single-openid', name: '小李', role: 'clerk', storeIds: ['s1'], status: 'active' },
    ]);
  });
  afterAll(() => emulator.stop());

  it('prefers the active record over an older disabled one (session and staff actions)', async () => {
    expect((await session('rehired-openid')).data).toMatchObject({ role: 'manager', isStaff: true, staff: { name: '王店长', storeIds: ['s2'] } });
    expect((await stores('rehired-openid')).data).toMatchObject({ items: [{ _id: 's2' }], total: 1 });
  });

  it('among several active records picks the lowest _id, whatever the natural order', async () => {
    expect((await session('dup-openid')).data).toMatchObject({ role: 'manager', staff: { name: '副本一', storeIds: ['s1'] } });
    expect((await stores('dup-openid')).data).toMatchObject({ items: [{ _id: 's1' }], total: 1 });
  });

  it('only disabled records: a plain diner, staff actions refused', async () => {
    expect((await session('gone-openid')).data).toMatchObject({ role: 'diner', isStaff: false });
    expect(await stores('gone-openid')).toMatchObject({ code: 40301, message: '仅限员工使用' });
  });

  it('a single record behaves as before', async () => {
    expect((await session('single-openid')).data).toMatchObject({ role: 'clerk', isStaff: true, staff: { name: '小李', storeIds: ['s1'] } });
    expect((await stores('single-openid')).data).toMatchObject({ items: [{ _id: 's1' }], total: 1 });
    expect((await session('nobody-openid')).data).toMatchObject({ role: 'diner', isStaff: false });
  });
});
