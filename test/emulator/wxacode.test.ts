import { startTestEmulator, connectSdk, type TestEmulator } from '../helpers/emulator';
import { publishedPages, SCENE_PATTERN, wxaCodeContent } from '../../emulator/wechat/wxacode';

/**
 * `cloud.openapi.wxacode.getUnlimited` through the real SDK against the emulator: a real PNG of a
 * real QR code (decoded here with qrcode-reader) carrying the page and scene, and WeChat's error
 * codes for a bad scene (40169) or page (41030).
 */

// pngjs 3 and qrcode-reader ship no types: the parts used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const QrCodeReader = require('qrcode-reader') as new () => {
  callback: (error: unknown, result?: { result: string }) => void;
  decode(image: { width: number; height: number; data: Buffer }): void;
};

function decodeQr(png: Buffer): Promise<string> {
  const image = PNG.sync.read(png);
  return new Promise((resolve, reject) => {
    const reader = new QrCodeReader();
    reader.callback = (error, result) => (error || !result ? reject(error ?? new Error('no QR code')) : resolve(result.result));
    reader.decode({ width: image.width, height: image.height, data: image.data });
  });
}

type WxaCodeApi = { wxacode: { getUnlimited(params: Record<string, unknown>): Promise<{ buffer: Buffer; contentType: string; errCode: number }> } };

let emulator: TestEmulator;
let openapi: WxaCodeApi;

beforeAll(async () => {
  emulator = await startTestEmulator();
  openapi = (connectSdk(emulator.url) as unknown as { openapi: WxaCodeApi }).openapi;
});
afterAll(() => emulator.stop());

describe('wxacode.getUnlimited', () => {
  const page = publishedPages()[1];

  it('answers a real PNG whose QR code opens the page with the scene', async () => {
    const reply = await openapi.wxacode.getUnlimited({ scene: 'd=XM-DEMO-0001', page, width: 430 });
    expect(reply.contentType).toBe('image/png');
    expect(reply.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const image = PNG.sync.read(reply.buffer);
    expect(image.width).toBe(430);
    await expect(decodeQr(reply.buffer)).resolves.toBe(`${page}?scene=d%3DXM-DEMO-0001`);
    expect(wxaCodeContent(page, 'd=XM-DEMO-0001')).toBe(`${page}?scene=d%3DXM-DEMO-0001`);
  });

  it('keeps the width inside 280–1280 and defaults the page to the home page', async () => {
    const small = await openapi.wxacode.getUnlimited({ scene: 's=1', width: 10 });
    expect(PNG.sync.read(small.buffer).width).toBe(280);
    await expect(decodeQr(small.buffer)).resolves.toBe(`${publishedPages()[0]}?scene=s%3D1`);
  });

  it('accepts an unpublished page only with check_path false', async () => {
    await expect(openapi.wxacode.getUnlimited({ scene: 'd=1', page: 'pages/not/there' })).rejects.toMatchObject({ errCode: 41030 });
    const reply = await openapi.wxacode.getUnlimited({ scene: 'd=1', page: 'pages/not/there', checkPath: false });
    await expect(decodeQr(reply.buffer)).resolves.toBe('pages/not/there?scene=d%3D1');
  });

  it.each([
    ['a page with a leading slash', { scene: 'd=1', page: `/${publishedPages()[0]}` }, 41030],
    ['a page with a query', { scene: 'd=1', page: `${publishedPages()[0]}?x=1` }, 41030],
    ['a scene over 32 characters', { scene: 'd='.padEnd(33, 'x') }, 40169],
    ['an empty scene', { scene: '' }, 40169],
    ['a scene with a character outside the set', { scene: 'd=柜1' }, 40169],
    ['a scene with a space', { scene: 'd=a b' }, 40169],
  ])('refuses %s as WeChat does', async (_what, params, errCode) => {
    await expect(openapi.wxacode.getUnlimited(params)).rejects.toMatchObject({ errCode });
  });

  it('allows exactly the documented scene characters, up to 32', () => {
    expect(SCENE_PATTERN.test("0aZ!#$&'()*+,/:;=?@-._~")).toBe(true);
    expect(SCENE_PATTERN.test('x'.repeat(32))).toBe(true);
    expect(SCENE_PATTERN.test('x'.repeat(33))).toBe(false);
    expect(SCENE_PATTERN.test('a%20')).toBe(false);
  });
});
