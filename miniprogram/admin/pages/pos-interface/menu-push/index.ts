import { errorMessage } from '../../../../services/errors';
import { getMenuPush, newPushId, pushMenu, type MenuPushView } from '../../../services/pos-interface';
import { SYNC_STATUS } from '../../../utils/pos-labels';

const POLL_MS = 1000;
let pollTimer: number | undefined;

function percent(push: MenuPushView | null): number {
  if (!push || push.chunksTotal === 0) return push && push.status !== 'running' ? 100 : 0;
  return Math.round((push.chunksDone / push.chunksTotal) * 100);
}

/**
 * Pushes the store's menu to the POS. pushMenu runs until the push is done; meanwhile the page
 * polls getMenuPush with the id it chose, so staff see chunk-by-chunk progress.
 */
Page({
  data: {
    integrationId: '',
    syncType: 'full' as 'full' | 'incremental',
    phase: 'idle' as 'idle' | 'running' | 'done' | 'error',
    push: null as MenuPushView | null,
    percent: 0,
    statusLabel: '',
    statusTheme: 'default',
    errorText: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ integrationId: query.integrationId ?? '' });
    if (!query.integrationId) this.setData({ phase: 'error', errorText: '缺少接入参数' });
  },

  onUnload() {
    this.stopPolling();
  },

  onSyncType(e: WechatMiniprogram.CustomEvent<{ value: 'full' | 'incremental' }>) {
    this.setData({ syncType: e.detail.value });
  },

  showPush(push: MenuPushView) {
    const status = SYNC_STATUS[push.status];
    this.setData({ push, percent: percent(push), statusLabel: status?.label ?? push.status, statusTheme: status?.theme ?? 'default' });
  },

  stopPolling() {
    if (pollTimer !== undefined) clearInterval(pollTimer);
    pollTimer = undefined;
  },

  async onStart() {
    if (this.data.phase === 'running') return;
    const pushId = newPushId();
    this.setData({ phase: 'running', push: null, percent: 0, errorText: '' });
    pollTimer = setInterval(() => {
      // Before the first chunk the record may not exist yet: ignore and poll again.
      getMenuPush(pushId).then(
        (push) => this.data.phase === 'running' && this.showPush(push),
        () => undefined,
      );
    }, POLL_MS) as unknown as number;
    try {
      const push = await pushMenu(this.data.integrationId, this.data.syncType, pushId);
      this.stopPolling();
      this.showPush(push);
      this.setData({ phase: 'done' });
    } catch (error) {
      this.stopPolling();
      this.setData({ phase: 'error', errorText: errorMessage(error) });
    }
  },
});
