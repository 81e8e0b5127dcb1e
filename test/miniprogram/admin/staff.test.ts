/**
 * 员工邀请 pages (stubbed at the transport boundary): create an invitation (role + stores → a
 * one-time code to share), accept it as the invitee (by the shared link's code or typed), and
 * disable an unused one from 员工与邀请.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { adminSession, managerSession } from '../support/sessions';

const stores = {
  items: [
    { _id: 's1', name: '一号店', address: 'A 路' },
    { _id: 's2', name: '二号店', address: 'B 路' },
  ],
  total: 2,
  page: 1,
  pageSize: 100,
  hasMore: false,
};
const invitationView = (over: Record<string, unknown> = {}) => ({
  _id: 'inv_1',
  role: 'clerk',
  storeIds: ['s1'],
  name: '小张',
  status: 'pending',
  codeHint: 'WXYZ',
  createdBy: '示范管理员',
  createdAt: '2026-12-04T02:00:00.000Z',
  expiresAt: '2026-12-11T02:00:00.000Z',
  acceptedAt: null,
  bootstrap: false,
  ...over,
});

describe('邀请员工', () => {
  it('creates an invitation with role and stores, then shows the code once with a share button', async () => {
    const sent: Record<string, unknown>[] = [];
    stubFunctions({
      member: { getSession: () => adminSession },
      admin: {
        listMyStores: () => stores,
        createInvitation: (input) => {
          sent.push(input);
          return {
            ...invitationView({ role: 'manager', storeIds: ['s2'], name: '李店长' }),
            code: 'ABCD-EFGH-JKMN',
            path: 'admin/pages/staff/accept/index?code=ABCDEFGHJKMN',
          };
        },
      },
    });
    const page = await mountPage('admin/pages/staff/invite/index');
    await page.waitForText('二号店');
    expect(page.text()).toContain('管理员');
    await page.tapText('生成邀请');
    await page.waitForText('请填写受邀人的称呼');
    page.instance.setData({ 'form.role': 'manager', 'form.storeIds': ['s2'], 'form.name': ' 李店长 ' });
    await page.tapText('生成邀请');
    await page.waitForText('ABCD-EFGH-JKMN');
    expect(sent).toEqual([{ role: 'manager', storeIds: ['s2'], name: '李店长' }]);
    expect(page.text()).toContain('邀请码只显示这一次');
    expect(page.text()).toContain('店长');
    expect(page.text()).toContain('分享给受邀人');
    expect(page.instance.onShareAppMessage()).toEqual({ title: '邀请你成为「店长」', path: '/admin/pages/staff/accept/index?code=ABCDEFGHJKMN' });
  });

  it('offers managers only 店长 / 店员, and shows the server’s refusal beside the field', async () => {
    stubFunctions({
      member: { getSession: () => managerSession },
      admin: {
        listMyStores: () => ({ ...stores, items: [stores.items[0]], total: 1 }),
        createInvitation: () => new StubFailure(40395, '店长只能授予自己门店的权限', { field: 'storeIds' }),
      },
    });
    const page = await mountPage('admin/pages/staff/invite/index');
    await page.waitForText('一号店');
    expect(page.text()).not.toContain('管理员');
    page.instance.setData({ 'form.name': '小张' });
    await page.tapText('生成邀请');
    await page.waitForText('店长只能授予自己门店的权限');
  });
});

describe('接受员工邀请', () => {
  it('accepts the code from the shared link and welcomes the new staff member', async () => {
    const accepted: string[] = [];
    stubFunctions({
      member: { getSession: () => managerSession },
      admin: {
        acceptInvitation: ({ code }) => {
          accepted.push(code as string);
          return {
            staff: {
              _id: 'staff_x',
              openid: 'o-new',
              name: '李店长',
              role: 'manager',
              storeIds: ['s1'],
              status: 'active',
              createdAt: '2026-12-04T02:00:00.000Z',
            },
          };
        },
      },
    });
    const page = await mountPage('admin/pages/staff/accept/index', { query: { code: 'ABCDEFGHJKMN' } });
    await page.tapText('接受邀请');
    await page.waitForText('欢迎加入，李店长');
    expect(page.text()).toContain('你的微信已绑定为「店长」');
    expect(accepted).toEqual(['ABCDEFGHJKMN']);
    await page.tapText('进入员工工作台');
    expect(wxMock().callsOf('redirectTo')[0]).toMatchObject({ url: '/admin/pages/workbench/index' });
  });

  it('explains a used or typed-wrong code', async () => {
    stubFunctions({ admin: { acceptInvitation: () => new StubFailure(40495, '邀请码已被使用', { field: 'code' }) } });
    const page = await mountPage('admin/pages/staff/accept/index');
    await page.tapText('接受邀请');
    await page.waitForText('请输入邀请码');
    page.instance.setData({ code: 'abcd-efgh-jkmn' });
    await page.tapText('接受邀请');
    await page.waitForText('邀请码已被使用');
  });
});

describe('员工与邀请', () => {
  it('lists invitations and staff, and disables a pending invitation', async () => {
    let status = 'pending';
    const disabled: string[] = [];
    stubFunctions({
      member: { getSession: () => adminSession },
      admin: {
        listMyStores: () => stores,
        listInvitations: () => ({ items: [invitationView({ status })], total: 1, page: 1, pageSize: 50, hasMore: false }),
        listStaff: () => ({
          items: [{ _id: 'staff_1', openid: 'o1', name: '王店长', role: 'manager', storeIds: ['s1', 's2'], status: 'active', createdAt: null }],
          total: 1,
          page: 1,
          pageSize: 100,
          hasMore: false,
        }),
        disableInvitation: ({ invitationId }) => {
          disabled.push(invitationId as string);
          status = 'disabled';
          return invitationView({ status: 'disabled' });
        },
      },
    });
    const page = await mountPage('admin/pages/staff/list/index');
    await page.waitForText('王店长 · 店长');
    expect(page.text()).toContain('小张 · 店员');
    expect(page.text()).toContain('一号店 · 尾号 WXYZ');
    expect(page.text()).toContain('一号店、二号店');
    expect(page.text()).toContain('待接受');
    await page.tapText('作废');
    await page.waitForText('已作废');
    expect(disabled).toEqual(['inv_1']);
    expect(wxMock().callsOf('showModal')[0]).toMatchObject({ title: '作废邀请' });
  });
});
