/** utils/scan.ts: what a scanned code means and where it leads (pure functions). */
import { requireMiniprogram } from './support/harness';

const { parseScanResult, routeScanTarget } = requireMiniprogram('utils/scan');

describe('parseScanResult', () => {
  it.each([
    [{ result: 'https://example.com/q?type=cabinet&deviceCode=XM-DEMO-0001' }, { kind: 'cabinet', deviceCode: 'XM-DEMO-0001' }],
    [{ result: 'type=table&storeId=rest_123456&tableId=A01' }, { kind: 'table', storeId: 'rest_123456', tableId: 'A01' }],
    [
      { result: '', path: 'pages/order/list/index' },
      { kind: 'page', url: '/pages/order/list/index' },
    ],
    [{ result: 'hello world' }, { kind: 'unknown', raw: 'hello world' }],
    [{ result: 'type=table&storeId=rest_123456' }, { kind: 'unknown', raw: 'type=table&storeId=rest_123456' }],
    [{ result: 'type=cabinet&deviceCode=%E0%A4%A' }, { kind: 'unknown', raw: 'type=cabinet&deviceCode=%E0%A4%A' }],
  ])('%j → %j', (input, expected) => {
    expect(parseScanResult(input)).toEqual(expected);
  });
});

describe('routeScanTarget', () => {
  it('says 即将上线 while the cabinet and ordering pages do not exist', () => {
    expect(routeScanTarget({ kind: 'cabinet', deviceCode: 'X' })).toEqual({ action: 'toast', message: '扫码开门即将上线' });
    expect(routeScanTarget({ kind: 'table', storeId: 's', tableId: 't' })).toEqual({ action: 'toast', message: '扫码点餐即将上线' });
  });

  it('switches tab for tab pages and navigates otherwise', () => {
    expect(routeScanTarget({ kind: 'page', url: '/pages/order/list/index' })).toEqual({ action: 'switchTab', url: '/pages/order/list/index' });
    expect(routeScanTarget({ kind: 'page', url: '/admin/pages/store/index?storeId=a' })).toEqual({
      action: 'navigate',
      url: '/admin/pages/store/index?storeId=a',
    });
  });

  it('rejects what it cannot read', () => {
    expect(routeScanTarget({ kind: 'unknown', raw: 'x' })).toEqual({ action: 'toast', message: '无法识别该二维码' });
  });
});
