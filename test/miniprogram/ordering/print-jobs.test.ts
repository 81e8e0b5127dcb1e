/**
 * 打印失败 (admin/pages/printing/jobs): failed print jobs of the store with their reason; 重试
 * prints the same ticket again and drops the row; 补打 reprints the order with a fresh request
 * key; a clerk sees the buttons their role allows. Backend answered by stubFunctions.
 */
import { mountPage, stubFunctions, wxMock } from '../support/harness';
import { clerkSession, managerSession } from '../support/sessions';

const job = (jobId: string, extra: Record<string, unknown> = {}) => ({
  jobId,
  orderId: 'ord_1',
  kind: 'new',
  reprint: false,
  printerId: 'p_hot',
  printerName: '热菜档口',
  status: 'dead',
  attempts: 5,
  lastError: '飞鹅：打印机离线（ret 1001）',
  text: '后厨单 热菜\n宫保鸡丁 x2',
  createdAt: '2026-12-04T13:00:00.000Z',
  updatedAt: '2026-12-04T13:08:00.000Z',
  updatedAtText: '2026-12-04 21:08:00',
  ...extra,
});

const callsOf = (action: string) =>
  wxMock()
    .callsOf('cloud.callFunction')
    .filter((c: { data: { action: string } }) => c.data.action === action);

describe('打印失败', () => {
  it('lists the failed jobs with printer, kind and reason; 重试 prints again and removes the row', async () => {
    stubFunctions({
      member: { getSession: () => managerSession },
      ordering: {
        listPrintJobs: () => ({
          items: [job('pj_1'), job('pj_2', { kind: 'addition', printerName: '凉菜饮品档口' })],
          total: 2,
          page: 1,
          pageSize: 20,
          hasMore: false,
        }),
        retryPrintJob: ({ jobId }: { jobId: string }) => job(jobId, { status: 'delivered', attempts: 6 }),
      },
    });
    const page = await mountPage('admin/pages/printing/jobs/index', { query: { storeId: 's2' } });
    await page.waitForText('共 2 张打印失败');
    expect(page.text()).toContain('热菜档口 · 后厨单');
    expect(page.text()).toContain('凉菜饮品档口 · 加菜单');
    expect(page.text()).toContain('已尝试 5 次 · 飞鹅：打印机离线（ret 1001）');
    expect(callsOf('listPrintJobs')[0].data).toMatchObject({ storeId: 's2', status: 'dead', page: 1 });

    await page.tapText('重试');
    await page.waitFor(() => page.data.items.length === 1, 'row removed');
    expect(callsOf('retryPrintJob')[0].data).toMatchObject({ storeId: 's2', jobId: 'pj_1' });
    await page.waitForText('已重新打印');
    expect(page.text()).toContain('共 1 张打印失败');
  });

  it('补打 reprints the order with a request key; a store-less visit uses the staff member’s first store', async () => {
    stubFunctions({
      member: { getSession: () => clerkSession },
      ordering: {
        listPrintJobs: () => ({ items: [job('pj_3')], total: 1, page: 1, pageSize: 20, hasMore: false }),
        reprintOrder: () => ({ jobs: [job('pj_r', { reprint: true, status: 'delivered' })] }),
      },
    });
    const page = await mountPage('admin/pages/printing/jobs/index');
    await page.waitForText('共 1 张打印失败');
    await page.tapText('补打');
    await page.waitFor(() => callsOf('reprintOrder').length === 1, 'reprintOrder');
    const { data } = callsOf('reprintOrder')[0];
    expect(data).toMatchObject({ storeId: 's1', orderId: 'ord_1' });
    expect(data.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('shows the empty state when nothing failed', async () => {
    stubFunctions({
      member: { getSession: () => managerSession },
      ordering: { listPrintJobs: () => ({ items: [], total: 0, page: 1, pageSize: 20, hasMore: false }) },
    });
    const page = await mountPage('admin/pages/printing/jobs/index', { query: { storeId: 's1' } });
    await page.waitForText('没有打印失败的小票');
  });
});
