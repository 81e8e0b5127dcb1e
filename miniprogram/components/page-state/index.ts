/**
 * Loading / error / empty / content for any block of a page, so every page gets the same
 * states with the same TDesign components. `status: 'ready'` renders the default slot.
 */
export type PageStatus = 'loading' | 'error' | 'empty' | 'ready';

Component({
  options: { multipleSlots: true },
  properties: {
    status: { type: String, value: 'loading' },
    loadingText: { type: String, value: '加载中…' },
    errorTitle: { type: String, value: '加载失败' },
    errorText: { type: String, value: '' },
    retryable: { type: Boolean, value: true },
    emptyText: { type: String, value: '暂无数据' },
    emptyIcon: { type: String, value: 'info-circle' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
