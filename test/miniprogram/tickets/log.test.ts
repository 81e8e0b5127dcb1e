/**
 * 礼票明细 (pages/tickets/log, member.listTicketLogs) with the transport boundary stubbed: the
 * diner's gift-ticket ledger with counts grouped by thousands, readable order numbers and
 * Shanghai times; reached from 我的.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { dinerSession } from '../support/sessions';

const entry = (fields: Record<string, unknown>) => ({
  id: 'l1',
  change: 34500,
  reason: '员工充值',
  sourceType: 'topup',
  balanceAfter: 34510,
  createdAt: '2026-11-22T02:58:00.000Z',
  createdAtText: '2026-11-22 10:58',
  ...fields,
});

describe('礼票明细', () => {
  it('lists top-ups and spends, newest first, a page at a time', async () => {
    const listTicketLogs = jest.fn(({ page }: { page: number }) =>
      page === 1
        ? {
            items: [entry({ id: 'l2', change: -14000, reason: '订单 order_demo_pay_001 礼票支付', balanceAfter: 20510 })],
            total: 2,
            page: 1,
            pageSize: 20,
            hasMore: true,
          }
        : { items: [entry({})], total: 2, page: 2, pageSize: 20, hasMore: false },
    );
    stubFunctions({ member: { getSession: () => dinerSession, listTicketLogs } });
    const page = await mountPage('pages/tickets/log/index');
    await page.waitForText('-14,000 张');
    expect(page.text()).toContain('订单 MOPAY001 礼票支付');
    expect(page.text()).not.toContain('order_demo_pay_001');
    expect(page.text()).toContain('2026-11-22 10:58 · 余额 20,510 张');
    expect(page.text()).toContain('共 2 条');
    page.instance.onReachBottom();
    await page.waitForText('+34,500 张');
    expect(page.text()).toContain('员工充值');
    expect(listTicketLogs).toHaveBeenLastCalledWith({ page: 2, pageSize: 20 }, expect.anything());
  });

  it('shows the empty state, and an error with 重试', async () => {
    let calls = 0;
    stubFunctions({
      member: {
        getSession: () => dinerSession,
        listTicketLogs: () => (++calls === 1 ? new StubFailure(50001, '服务内部错误') : { items: [], total: 0, page: 1, pageSize: 20, hasMore: false }),
      },
    });
    const page = await mountPage('pages/tickets/log/index');
    await page.waitForText('服务内部错误');
    await page.tapText('重试');
    await page.waitForText('还没有礼票记录');
  });

  it('我的 opens it', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/mine/index/index');
    await page.waitForText('礼票明细');
    await page.tapText('礼票明细');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/tickets/log/index' });
  });
});
