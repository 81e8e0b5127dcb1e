/**
 * The table code's scene from a page query. WeChat hands a 小程序码's scene (wxacode.getUnlimited,
 * ≤ 32 characters) to the page as `query.scene`, URL-encoded; 扫一扫 and the emulator pass it the
 * same way. A malformed escape is not one of our codes: it reads as no scene.
 */
export function sceneOf(query: Record<string, string | undefined>): string {
  const raw = query.scene ?? '';
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return '';
  }
}

/**
 * The table code the diner opened last, so 订单状态's 加菜 can reopen that table's menu: every
 * diner action on a table carries the code's scene, and an order knows its table, not the key.
 */
const KEY = 'ordering.lastTable';

export function rememberTable(scene: string, tableId: string): void {
  wx.setStorageSync(KEY, { scene, tableId });
}

/** The remembered scene of this table, or '' (another table's code, or none). */
export function sceneOfTable(tableId: string): string {
  const stored = wx.getStorageSync(KEY) as { scene?: unknown; tableId?: unknown } | '';
  return stored && typeof stored === 'object' && stored.tableId === tableId && typeof stored.scene === 'string' ? stored.scene : '';
}
