import { Collections } from '../../cloudfunctions/shared/collections';
import { createCollections } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import type { Session } from '../../typings/api/member';

/** member.getSession through the real bundle and the emulator's callFunction bridge. */
describe('member.getSession', () => {
  let emulator: TestEmulator;
  const getSession = (openid?: string) => emulator.call<{ code: number; message: string; data: Session | null }>('member', { action: 'getSession' }, openid);

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    emulator.db.insertRaw(Collections.staff, [
      { _id: 'staff_admin', openid: 'admin-openid', name: '示范管理员', role: 'admin', storeIds: ['rest_123456'], status: 'active' },
      { _id: 'staff_clerk', openid: 'clerk-openid', name: '小李', role: 'clerk', storeIds: ['s2', 's3'], status: 'active' },
      { _id: 'staff_gone', openid: 'gone-openid', name: '离职员工', role: 'manager', storeIds: ['s2'], status: 'disabled' },
    ]);
    emulator.db.insertRaw(Collections.members, [
      { _id: 'diner-openid', openid: 'diner-openid', nickname: '小明', levelName: '银卡会员', points: 320, phone: '13800138000', tickets: 5000 },
      { _id: 'clerk-openid', openid: 'clerk-openid', nickname: '小李', levelName: '普通会员', points: 0 },
    ]);
  });
  afterAll(() => emulator.stop());

  it('a diner with a profile: role diner, the member summary only (no phone, no balances beyond points)', async () => {
    const reply = await getSession('diner-openid');
    expect(reply).toMatchObject({ code: 0 });
    expect(reply.data).toEqual({ openid: 'diner-openid', role: 'diner', isStaff: false, member: { nickname: '小明', levelName: '银卡会员', points: 320 } });
  });

  it('a caller with no profile gets member: null', async () => {
    expect((await getSession('new-openid')).data).toEqual({ openid: 'new-openid', role: 'diner', isStaff: false, member: null });
  });

  it('active staff get their role and stores (and may also be members)', async () => {
    expect((await getSession('admin-openid')).data).toEqual({
      openid: 'admin-openid',
      role: 'admin',
      isStaff: true,
      staff: { name: '示范管理员', role: 'admin', storeIds: ['rest_123456'] },
      member: null,
    });
    expect((await getSession('clerk-openid')).data).toMatchObject({
      role: 'clerk',
      isStaff: true,
      staff: { storeIds: ['s2', 's3'] },
      member: { nickname: '小李' },
    });
  });

  it('disabled staff are plain diners', async () => {
    expect((await getSession('gone-openid')).data).toEqual({ openid: 'gone-openid', role: 'diner', isStaff: false, member: null });
  });

  it('needs a caller identity and takes no input', async () => {
    expect(await getSession()).toMatchObject({ code: 40101, data: null });
    expect(await emulator.call('member', { action: 'getSession', openid: 'someone-else' }, 'diner-openid')).toMatchObject({ code: 40001 });
  });
});
