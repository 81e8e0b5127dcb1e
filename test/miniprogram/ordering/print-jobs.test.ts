/** 打印失败 (admin/pages/print-jobs) with the transport boundary stubbed: dead print jobs and 重新打印. */
import { mountPage, stubFunctions } from '../support/harness';
import { clerkSession } from '../support/sessions';

const oneStore = { items: [{ _id: 's1', name: '一号店', address: 'A 路' }], total: 1, page: 1, pageSize: 100, hasMore: false };
const job = (fields: Record<string, unknown> = {}) => ({
  jobId: 'order_t1:new:p1',
  orderId: 'order_t1',
  kind: 'new',
  reprint: false,
  printerId: 'p1',
  printerName: '热菜打印机',
  status: 'dead',
  attempts: 5,
  lastError: '打印机离线',
  text: 'A01 素麻婆豆腐 ×2',
  createdAt: '2026-12-04T04:05:00.000Z',
  updatedAt: '2026-12-04T04:35:00.000Z',
  updatedAtText: '2026-12-04 12:35',
  ...fields,
});

describe('打印失败', () => {
  it('lists dead print jobs and 重新打印 retries one', async () => {
    let jobs = [job(), job({ jobId: 'order_t1:add1:p1', kind: 'addition' })];
    const listPrintJobs = jest.fn(() => ({ items: jobs, total: jobs.length, page: 1, pageSize: 50, hasMore: false }));
    const retryPrintJob = jest.fn((payload: { jobId: string }) => {
      jobs = jobs.filter((candidate) => candidate.jobId !== payload.jobId);
      return job({ jobId: payload.jobId, status: 'delivered' });
    });
    stubFunctions({ member: { getSession: () => clerkSession }, admin: { listMyStores: () => oneStore }, ordering: { listPrintJobs, retryPrintJob } });
    const page = await mountPage('admin/pages/print-jobs/index');
    await page.waitForText('加菜单');
    expect(page.text()).toContain('厨房单 · 订单');
    expect(page.text()).toContain('热菜打印机 · 已尝试 5 次 · 2026-12-04 12:35');
    expect(page.text()).toContain('打印机离线');
    expect(page.text()).toContain('打印失败，已停止重试');
    expect(listPrintJobs).toHaveBeenCalledWith({ storeId: 's1', status: 'dead', page: 1, pageSize: 50 }, expect.anything());
    await page.tapText('重新打印');
    await page.waitForText('已重新发送到打印机');
    expect(retryPrintJob).toHaveBeenCalledWith({ storeId: 's1', jobId: 'order_t1:new:p1' }, expect.anything());
    await page.waitFor(() => !page.text().includes('厨房单'), 'the retried job gone');
  });

  it('says so when nothing failed', async () => {
    stubFunctions({
      member: { getSession: () => clerkSession },
      admin: { listMyStores: () => oneStore },
      ordering: { listPrintJobs: () => ({ items: [], total: 0, page: 1, pageSize: 50, hasMore: false }) },
    });
    const page = await mountPage('admin/pages/print-jobs/index');
    await page.waitForText('没有打印失败的小票');
  });
});
