/**
 * 门店资料 (stubbed): an admin creates a store (seed 004 fields, hours, contact, cabinet limit in
 * yuan → integer fen), edits it, and closes it; the server's field errors show beside the field.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { adminSession, managerSession } from '../support/sessions';

const detail = (over: Record<string, unknown> = {}) => ({
  _id: 'store_sh-200',
  name: '气候餐厅（新店）',
  address: '上海市黄浦区 1 号',
  code: 'SH-200',
  phone: '021-11112222',
  type: '餐厅',
  property: '直营',
  status: 'active',
  deviceCount: 0,
  businessHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: '10:00', close: '22:00' }],
  contact: { name: '王店长', phone: '13800138000' },
  amountLimitFen: 30050,
  minTicketBalance: null,
  location: null,
  ...over,
});

describe('门店资料', () => {
  it('creates a store: required fields first, then the yuan limit sent as exact fen', async () => {
    const created: Record<string, unknown>[] = [];
    stubFunctions({
      member: { getSession: () => adminSession },
      admin: {
        createStore: (input) => {
          created.push(input);
          return input.code === 'SH-001' ? new StubFailure(40997, '门店编码已被使用', { field: 'code' }) : detail();
        },
      },
    });
    const page = await mountPage('admin/pages/store/edit/index');
    await page.waitForText('创建门店');
    await page.tapText('创建门店');
    await page.waitForText('请填写门店编码');
    page.instance.setData({
      form: {
        ...page.data.form,
        code: 'SH-001',
        name: '气候餐厅（新店）',
        address: '上海市黄浦区 1 号',
        phone: '021-11112222',
        open: '10:00',
        close: '22:00',
        contactName: '王店长',
        contactPhone: '13800138000',
        amountLimitYuan: '300.5',
      },
    });
    await page.tapText('创建门店');
    await page.waitForText('门店编码已被使用');
    page.instance.setData({ 'form.code': 'SH-200' });
    await page.tapText('创建门店');
    await page.waitForText('状态：营业中');
    expect(created[1]).toEqual({
      code: 'SH-200',
      name: '气候餐厅（新店）',
      type: '餐厅',
      property: '直营',
      address: '上海市黄浦区 1 号',
      phone: '021-11112222',
      businessHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: '10:00', close: '22:00' }],
      contact: { name: '王店长', phone: '13800138000' },
      amountLimitFen: 30050,
      minTicketBalance: null,
    });
    // once created the code is fixed and the button saves
    expect(page.text()).toContain('保存');
  });

  it('edits an existing store and closes it after confirming', async () => {
    const updates: Record<string, unknown>[] = [];
    stubFunctions({
      member: { getSession: () => adminSession },
      admin: {
        getStore: () => detail(),
        updateStore: (input) => {
          updates.push(input);
          return detail({ name: input.name });
        },
        setStoreStatus: ({ status }) => detail({ status }),
      },
    });
    const page = await mountPage('admin/pages/store/edit/index', { query: { storeId: 'store_sh-200' } });
    await page.waitForText('SH-200');
    expect(page.data.form).toMatchObject({ name: '气候餐厅（新店）', amountLimitYuan: '300.5', open: '10:00' });
    page.instance.setData({ 'form.name': '气候餐厅（外滩店）' });
    await page.tapText('保存');
    await page.waitFor(() => updates.length === 1, 'updateStore');
    expect(updates[0]).toMatchObject({ storeId: 'store_sh-200', name: '气候餐厅（外滩店）', amountLimitFen: 30050 });
    await page.tapText('关闭门店');
    await page.waitForText('状态：已关店');
    expect(wxMock().callsOf('showModal')[0]).toMatchObject({ title: '关闭门店' });
    expect(page.text()).toContain('重新开放');
  });

  it('managers edit but cannot close', async () => {
    stubFunctions({ member: { getSession: () => managerSession }, admin: { getStore: () => detail() } });
    const page = await mountPage('admin/pages/store/edit/index', { query: { storeId: 'store_sh-200' } });
    await page.waitForText('保存');
    expect(page.text()).not.toContain('关闭门店');
  });
});
