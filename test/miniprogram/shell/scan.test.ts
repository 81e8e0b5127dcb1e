/**
 * 扫一扫: what a scanned code means and where it leads (utils/scan.ts, pure functions), and the page
 * with wx.scanCode answered by the wx mock.
 */
import { mountPage, requireMiniprogram, wxMock } from '../support/harness';

const { parseScanResult, routeScanTarget } = requireMiniprogram('utils/scan');

describe('parseScanResult', () => {
  it.each([
    [{ result: 'https://example.com/q?type=cabinet&deviceCode=XM-DEMO-0001' }, { kind: 'cabinet', deviceCode: 'XM-DEMO-0001' }],
    [{ result: 'type=table&scene=A01.k3Y9xQ2mPz' }, { kind: 'table', scene: 'A01.k3Y9xQ2mPz' }],
    [
      { result: '', path: 'pages/ordering/list/index' },
      { kind: 'page', url: '/pages/ordering/list/index' },
    ],
    [{ result: 'hello world' }, { kind: 'unknown', raw: 'hello world' }],
    [{ result: 'type=table&storeId=rest_123456' }, { kind: 'unknown', raw: 'type=table&storeId=rest_123456' }],
    [
      { result: '', path: 'pages/ordering/table/index?scene=A01.k3Y9xQ2mPz' },
      { kind: 'page', url: '/pages/ordering/table/index?scene=A01.k3Y9xQ2mPz' },
    ],
    [{ result: 'type=cabinet&deviceCode=%E0%A4%A' }, { kind: 'unknown', raw: 'type=cabinet&deviceCode=%E0%A4%A' }],
    [{ result: 'https://example.com/q?type=cabinet&storeCode=S001' }, { kind: 'cabinetStore', storeCode: 'S001' }],
  ])('%j → %j', (input, expected) => {
    expect(parseScanResult(input)).toEqual(expected);
  });
});

describe('routeScanTarget', () => {
  it('opens 扫码开门 for a cabinet or a store’s cabinets', () => {
    expect(routeScanTarget({ kind: 'cabinet', deviceCode: 'XM-1' })).toEqual({ action: 'navigate', url: '/cabinet/pages/open/index?deviceCode=XM-1' });
    expect(routeScanTarget({ kind: 'cabinetStore', storeCode: 'S 1' })).toEqual({ action: 'navigate', url: '/cabinet/pages/open/index?storeCode=S%201' });
  });

  it('opens 扫码点餐 with the table code’s scene, encoded', () => {
    expect(routeScanTarget({ kind: 'table', scene: 'A01.k3Y9xQ2mPz' })).toEqual({
      action: 'navigate',
      url: '/pages/ordering/table/index?scene=A01.k3Y9xQ2mPz',
    });
    expect(routeScanTarget({ kind: 'table', scene: 'a&b' })).toEqual({ action: 'navigate', url: '/pages/ordering/table/index?scene=a%26b' });
  });

  it('switches tab for tab pages and navigates otherwise', () => {
    expect(routeScanTarget({ kind: 'page', url: '/pages/ordering/list/index' })).toEqual({ action: 'switchTab', url: '/pages/ordering/list/index' });
    expect(routeScanTarget({ kind: 'page', url: '/admin/pages/store/index?storeId=a' })).toEqual({
      action: 'navigate',
      url: '/admin/pages/store/index?storeId=a',
    });
  });

  it('rejects what it cannot read', () => {
    expect(routeScanTarget({ kind: 'unknown', raw: 'x' })).toEqual({ action: 'toast', message: '无法识别该二维码' });
  });
});

describe('parseCabinetScene (the scene of a cabinet’s 小程序码)', () => {
  const { parseCabinetScene } = requireMiniprogram('utils/scan');
  it.each([
    ['d%3DXM-DEMO-0001', { deviceCode: 'XM-DEMO-0001' }],
    ['d=XM-DEMO-0001', { deviceCode: 'XM-DEMO-0001' }],
    ['s%3DS001', { storeCode: 'S001' }],
    ['x=1', null],
    ['d=', null],
    [undefined, null],
  ])('%s → %j', (scene, expected) => {
    expect(parseCabinetScene(scene)).toEqual(expected);
  });
});

describe('扫一扫', () => {
  it('opens 扫码开门 for a cabinet’s 小程序码', async () => {
    wxMock().handlers.scanCode = () => ({ result: '', path: 'cabinet/pages/open/index?scene=d%3DXM-DEMO-0001', scanType: 'WX_CODE' });
    const page = await mountPage('pages/scan/index/index');
    await page.tapText('扫一扫');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/cabinet/pages/open/index?scene=d%3DXM-DEMO-0001' });
  });

  it('routes a table code to 扫码点餐 with its scene', async () => {
    wxMock().handlers.scanCode = () => ({ result: 'https://example.com/q?type=table&scene=A01.k3Y9xQ2mPz', scanType: 'QR_CODE' });
    const page = await mountPage('pages/scan/index/index');
    await page.tapText('扫一扫');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/ordering/table/index?scene=A01.k3Y9xQ2mPz' });
  });

  it('switches to a tab page carried by a 小程序码', async () => {
    wxMock().handlers.scanCode = () => ({ result: '', path: 'pages/ordering/list/index', scanType: 'WX_CODE' });
    const page = await mountPage('pages/scan/index/index');
    await page.tapText('扫一扫');
    await page.waitFor(() => wxMock().callsOf('switchTab').length === 1, 'switchTab');
    expect(wxMock().callsOf('switchTab')[0]).toMatchObject({ url: '/pages/ordering/list/index' });
  });

  it('says nothing when the diner cancels, and names unreadable codes', async () => {
    const page = await mountPage('pages/scan/index/index'); // default handler: cancel
    await page.tapText('扫一扫');
    await page.waitFor(() => page.data.scanning === false && wxMock().callsOf('scanCode').length === 1, 'scan finished');
    expect(page.text()).not.toContain('扫码失败');
    wxMock().handlers.scanCode = () => ({ result: 'hello', scanType: 'QR_CODE' });
    await page.tapText('扫一扫');
    await page.waitForText('无法识别该二维码');
  });
});
