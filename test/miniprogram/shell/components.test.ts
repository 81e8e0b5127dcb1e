/**
 * Shared components: the custom tab bar and page-state.
 */
import { mountComponent, wxMock } from '../support/harness';

describe('shared components', () => {
  it('custom tab bar switches tabs', async () => {
    const bar = await mountComponent('custom-tab-bar/index');
    expect(bar.text()).toBe('首页扫一扫订单我的');
    await bar.tapText('订单');
    await bar.waitFor(() => wxMock().callsOf('switchTab').length === 1, 'switchTab');
    expect(wxMock().callsOf('switchTab')[0]).toMatchObject({ url: '/pages/ordering/list/index' });
  });

  it('page-state renders loading / empty / error and emits retry', async () => {
    const state = await mountComponent('components/page-state/index', { status: 'error', errorText: '网络不好' });
    expect(state.text()).toContain('加载失败');
    expect(state.text()).toContain('网络不好');
    const retry = jest.fn();
    state.component.addEventListener('retry', retry);
    await state.tapText('重试');
    await state.waitFor(() => retry.mock.calls.length === 1, 'retry event');
    state.component.setData({ status: 'empty', emptyText: '空空如也' });
    expect(state.text()).toContain('空空如也');
    state.component.setData({ status: 'loading' });
    expect(state.text()).toContain('加载中…');
  });
});
