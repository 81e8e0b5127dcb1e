import type { AcceptInvitationReply, AuditLogView, CreatedInvitation, InvitationView, StaffView, StoreDetail } from '../../typings/api/admin';
import type { Page } from '../../typings/api/common';
import { declaredCollections } from '../../scripts/database-catalog';
import { runBootstrap, type BootstrapOptions } from '../../scripts/bootstrap/bootstrap';
import { PROJECT_ROOT, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface Reply<T> {
  code: number;
  message: string;
  data: T | null;
  details?: { field?: string; reason?: string };
}

/**
 * Acceptance of the go-live kit: the bootstrap against an empty emulator (through the official
 * management SDK and the server SDK), again (no changes), then invitation → first admin → store
 * → staff invitation, all through the real admin function.
 */
describe('go-live: bootstrap, first admin, first store, staff invitation', () => {
  let emulator: TestEmulator;
  let options: BootstrapOptions;
  let adminCode: string;
  let storeId: string;
  const admin = <T>(action: string, data: Record<string, unknown>, openid: string) => emulator.call<Reply<T>>('admin', { action, ...data }, openid);

  beforeAll(async () => {
    emulator = await startTestEmulator();
    options = {
      envId: emulator.envId,
      secretId: emulator.credentials.secretId,
      secretKey: emulator.credentials.secretKey,
      managementUrl: `${emulator.url}/_emulator/cloud-api`,
      dataServiceUrl: `${emulator.url}/admin`,
    };
  });
  afterAll(() => emulator.stop());

  it('creates every declared collection, index and rule, the programme, and an admin code', async () => {
    expect(emulator.db.listCollections()).toEqual([]);
    const lines: string[] = [];
    const result = await runBootstrap({ ...options, log: (line) => lines.push(line) });
    const declared = declaredCollections(PROJECT_ROOT);
    expect(emulator.db.listCollections()).toEqual(declared.map((c) => c.name).sort());
    for (const collection of declared) {
      const stored = emulator.db.describeCollection(collection.name)!;
      expect(stored.indexes.map((i) => i.name).sort()).toEqual(collection.indexes.map((i) => i.name).sort());
      expect(stored.rule).toBeDefined();
    }
    expect(emulator.db.describeCollection('orders')!.indexes).toContainEqual({
      name: 'openid_createdAt',
      keys: [
        ['openid', 1],
        ['createdAt', -1],
        ['_id', -1],
      ],
      unique: false,
    });
    expect(emulator.db.describeCollection('audit_logs')!.rule).toEqual({ permission: 'ADMINONLY' });
    expect(emulator.db.readAll('member_levels')).toEqual([expect.objectContaining({ _id: 'program', rules: { pointsPerYuan: 1, ticketsPerYuan: 500 } })]);
    expect(result.adminCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(lines).toContain('生成一次性管理员邀请码');
    // only a hash of the code is stored
    expect(JSON.stringify(emulator.db.readAll('staff_invitations'))).not.toContain(result.adminCode!.replace(/-/g, ''));
    adminCode = result.adminCode!;
  });

  it('changes nothing on a second run, and says so', async () => {
    const lines: string[] = [];
    const result = await runBootstrap({ ...options, log: (line) => lines.push(line) });
    expect(result).toEqual({ changes: [], adminCode: undefined });
    expect(lines.join('\n')).toContain('已有一个未使用的管理员邀请');
  });

  it('binds the first administrator by openid with the bootstrap code, once', async () => {
    const accepted = await admin<AcceptInvitationReply>('acceptInvitation', { code: adminCode.toLowerCase() }, 'first-admin');
    expect(accepted).toMatchObject({ code: 0, data: { staff: { openid: 'first-admin', role: 'admin', status: 'active', storeIds: [] } } });
    const again = await admin('acceptInvitation', { code: adminCode }, 'someone-else');
    expect(again).toMatchObject({ code: 40495, message: '邀请码已被使用' });
    expect(await admin('acceptInvitation', { code: adminCode }, 'first-admin')).toMatchObject({ code: 40996, message: '你已经是员工，不能再接受邀请' });
    // with an admin in place the bootstrap still has nothing to do
    expect((await runBootstrap(options)).changes).toEqual([]);
  });

  it('lets the admin create the first store with seed 004 fields', async () => {
    const created = await admin<StoreDetail>(
      'createStore',
      {
        code: 'SH-100',
        name: '气候餐厅（首店）',
        type: '餐厅',
        property: '直营',
        address: '上海市黄浦区中山东一路 1 号',
        phone: '021-12345678',
        businessHours: [{ weekdays: [1, 2, 3, 4, 5], open: '10:00', close: '22:00' }],
        contact: { name: '王店长', phone: '13800138000' },
        amountLimitFen: 50000,
      },
      'first-admin',
    );
    expect(created).toMatchObject({ code: 0, data: { code: 'SH-100', status: 'active', property: '直营', amountLimitFen: 50000, minTicketBalance: null } });
    storeId = created.data!._id;
    expect(
      await admin('createStore', { code: 'SH-100', name: '重复', type: '餐厅', property: '直营', address: '某处', phone: '021-1' + '0000000' }, 'first-admin'),
    ).toMatchObject({
      code: 40997,
      details: { field: 'code' },
    });
    expect(
      await admin('createStore', { code: 'SH-101', name: '', type: '餐厅', property: '直营', address: 'x', phone: '02100000000' }, 'first-admin'),
    ).toMatchObject({
      code: 40001,
      details: { field: 'name' },
    });
  });

  it('invites a manager to the store; the manager accepts, and may invite clerks only for their stores', async () => {
    const invitation = await admin<CreatedInvitation>('createInvitation', { role: 'manager', storeIds: [storeId], name: '李店长' }, 'first-admin');
    expect(invitation).toMatchObject({ code: 0, data: { role: 'manager', storeIds: [storeId], status: 'pending', bootstrap: false } });
    expect(invitation.data!.path).toContain('admin/pages/staff/accept/index?code=');
    const accepted = await admin<AcceptInvitationReply>('acceptInvitation', { code: invitation.data!.code }, 'manager-openid');
    expect(accepted).toMatchObject({ code: 0, data: { staff: { role: 'manager', storeIds: [storeId], name: '李店长' } } });

    expect(await admin('createInvitation', { role: 'admin', storeIds: [], name: '想当管理员' }, 'manager-openid')).toMatchObject({ code: 40395 });
    expect(await admin('createInvitation', { role: 'clerk', storeIds: ['store_elsewhere'], name: '别店' }, 'manager-openid')).toMatchObject({ code: 40395 });
    const clerk = await admin<CreatedInvitation>('createInvitation', { role: 'clerk', storeIds: [storeId], name: '小张' }, 'manager-openid');
    expect(clerk.code).toBe(0);

    const listed = await admin<Page<InvitationView>>('listInvitations', {}, 'manager-openid');
    expect(listed.data!.items.map((i) => i.name)).toEqual(['小张', '李店长']);
    const disabled = await admin<InvitationView>('disableInvitation', { invitationId: clerk.data!._id }, 'manager-openid');
    expect(disabled).toMatchObject({ code: 0, data: { status: 'disabled' } });
    expect(await admin('acceptInvitation', { code: clerk.data!.code }, 'clerk-openid')).toMatchObject({ code: 40495, message: '邀请已被作废' });
  });

  it('lets the admin change a staff member and read it all in the audit log', async () => {
    const staff = await admin<Page<StaffView>>('listStaff', {}, 'first-admin');
    const manager = staff.data!.items.find((s) => s.openid === 'manager-openid')!;
    expect(
      await admin('updateStaff', { staffId: staff.data!.items.find((s) => s.openid === 'first-admin')!._id, status: 'disabled' }, 'first-admin'),
    ).toMatchObject({ code: 40395 });
    expect(await admin<StaffView>('updateStaff', { staffId: manager._id, role: 'clerk' }, 'first-admin')).toMatchObject({ code: 0, data: { role: 'clerk' } });
    const audit = await admin<Page<AuditLogView>>('listAuditLogs', { actionPrefix: 'admin.' }, 'first-admin');
    expect(audit).toMatchObject({ code: 0 });
    expect(audit.data!.items.map((e) => e.action)).toEqual([
      'admin.staff.update',
      'admin.invitation.disable',
      'admin.invitation.create',
      'admin.invitation.accept',
      'admin.invitation.create',
      'admin.store.create',
      'admin.invitation.accept',
    ]);
    expect(audit.data!.items[0].actor).toBe('管理员（…-admin）');
    expect(await admin('listAuditLogs', {}, 'manager-openid')).toMatchObject({ code: 40301 });
  });
});
