/**
 * 桌台与桌码 (admin/pages/tables) with the transport boundary stubbed: tables, add, rotate key
 * behind a confirm, a table's code image and the printable sheet of all codes.
 */
import { mountPage, stubFunctions, wxMock } from '../support/harness';
import { clerkSession, managerSession } from '../support/sessions';

const oneStore = { items: [{ _id: 's1', name: '一号店', address: 'A 路' }], total: 1, page: 1, pageSize: 100, hasMore: false };
const PNG = 'iVBORw0KGgo=';
const table = (fields: Record<string, unknown> = {}) => ({
  _id: 'A01',
  storeId: 's1',
  name: 'A01',
  area: '大厅',
  seats: 4,
  status: 'active',
  scene: 'A01.k3Y9xQ2mPz',
  keyRotatedAt: '2026-12-04T02:00:00.000Z',
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-04T02:00:00.000Z',
  ...fields,
});

function stub(session: unknown, ordering: Record<string, (payload: any) => unknown>) {
  stubFunctions({ member: { getSession: () => session }, admin: { listMyStores: () => oneStore }, ordering });
}

describe('桌台与桌码', () => {
  it('lists tables with area, seats and when the key was last rotated', async () => {
    stub(managerSession, { listTables: () => [table(), table({ _id: 'B02', name: 'B02', area: '包间', seats: 8, status: 'disabled' })] });
    const page = await mountPage('admin/pages/tables/index');
    await page.waitForText('B02');
    expect(page.text()).toContain('大厅 · 4 座 · 密钥更新于 2026-12-04 10:00');
    expect(page.text()).toContain('已停用');
    expect(page.text()).toContain('打印全部桌码');
    expect(page.text()).toContain('轮换密钥');
  });

  it('clerks see the codes but not add / edit / rotate / delete', async () => {
    stub(clerkSession, { listTables: () => [table()] });
    const page = await mountPage('admin/pages/tables/index');
    await page.waitForText('A01');
    expect(page.text()).toContain('桌码');
    for (const hidden of ['新增桌台', '轮换密钥', '编辑', '删除']) expect(page.text()).not.toContain(hidden);
  });

  it('adds a table', async () => {
    let tables = [table()];
    const createTable = jest.fn((payload: { name: string; area: string; seats: number }) => {
      const created = table({ _id: 'A02', name: payload.name, area: payload.area, seats: payload.seats });
      tables = [...tables, created];
      return created;
    });
    stub(managerSession, { listTables: () => tables, createTable });
    const page = await mountPage('admin/pages/tables/index');
    await page.waitForText('A01');
    await page.tapText('新增桌台');
    page.instance.onField({ detail: { value: 'A02' }, currentTarget: { dataset: { field: 'name' } } });
    page.instance.onField({ detail: { value: '6' }, currentTarget: { dataset: { field: 'seats' } } });
    await page.tapText('保存');
    await page.waitForText('已新增桌台 A02');
    expect(createTable).toHaveBeenCalledWith({ storeId: 's1', name: 'A02', area: '', seats: 6 }, expect.anything());
    expect(page.text()).toContain('6 座');
  });

  it('轮换密钥 asks first (old codes stop working), then shows the new code', async () => {
    const rotateTableKey = jest.fn(() => table({ scene: 'A01.newkey0000' }));
    const getTableCode = jest.fn(() => ({ tableId: 'A01', scene: 'A01.newkey0000', page: 'pages/ordering/table/index', fileID: '', pngBase64: PNG }));
    stub(managerSession, { listTables: () => [table()], rotateTableKey, getTableCode });
    const page = await mountPage('admin/pages/tables/index');
    await page.waitForText('A01');
    await page.tapText('轮换密钥');
    await page.waitForText('旧桌码立即失效');
    expect(rotateTableKey).not.toHaveBeenCalled();
    await page.instance.onConfirm(); // the dialog's 确认轮换
    await page.waitForText('A01 的密钥已轮换，旧桌码已失效');
    expect(rotateTableKey).toHaveBeenCalledWith({ storeId: 's1', tableId: 'A01' }, expect.anything());
    await page.waitFor(() => page.data.imageSrc === `data:image/png;base64,${PNG}`, 'the new code');
    expect(page.text()).toContain('桌码 A01');
    expect(page.text()).toContain('scene：A01.newkey0000');
  });

  it('the printable sheet shows every code and 保存 / 打印 writes the PNG and opens the image viewer', async () => {
    stub(managerSession, {
      listTables: () => [table()],
      getTableCodeSheet: () => ({ storeId: 's1', tableCount: 1, format: 'png', pngBase64: PNG, widthPx: 800, heightPx: 1100 }),
    });
    const page = await mountPage('admin/pages/tables/index');
    await page.waitForText('A01');
    await page.tapText('打印全部桌码');
    await page.waitForText('共 1 张桌码，打印后裁开张贴');
    await page.tapText('保存 / 打印');
    await page.waitFor(() => wxMock().callsOf('previewImage').length === 1, 'previewImage');
    expect(wxMock().callsOf('fs.writeFile')[0]).toMatchObject({ filePath: 'wxfile://usr/table-codes.png', encoding: 'base64' });
    expect(wxMock().callsOf('previewImage')[0]).toMatchObject({ urls: ['wxfile://usr/table-codes.png'] });
  });
});
