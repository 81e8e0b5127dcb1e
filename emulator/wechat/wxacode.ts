import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import QRCode from 'qrcode';

/**
 * `wxacode.getUnlimited` (小程序码, unlimited count), run locally: WeChat's parameter rules and
 * error codes, answered with a real PNG of a real QR code. WeChat draws its round "sun code";
 * a QR code carrying the same page + scene is what a simulator can honestly produce — any
 * scanner (and the tests, which decode it) reads back exactly what the code opens.
 *
 * Rules (FACTS.md "Platform limits", WeChat's getUnlimitedQRCode reference):
 * - `scene` required, ≤ 32 visible characters from [0-9A-Za-z!#$&'()*+,/:;=?@-._~] → else 40169;
 * - `page` without a leading "/" and without a query; must be a published page of the app unless
 *   `check_path: false` (locally: a page listed in miniprogram/app.json) → else 41030; absent →
 *   the home page;
 * - `width` 280–1280 px (values outside are brought inside, as WeChat does);
 * - `env_version` release | trial | develop → else 40097.
 */

export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 1280;
const ENV_VERSIONS = ['release', 'trial', 'develop'];

export type WxaCodeAnswer = { ok: true; png: Buffer; content: string; page: string; scene: string } | { ok: false; errcode: number; errmsg: string };

/** The pages of the mini-program (main package and subpackages), read fresh from app.json. */
export function publishedPages(appJsonPath = resolve(__dirname, '../../miniprogram/app.json')): string[] {
  const app = JSON.parse(readFileSync(appJsonPath, 'utf8')) as {
    pages?: string[];
    subPackages?: { root: string; pages: string[] }[];
    subpackages?: { root: string; pages: string[] }[];
  };
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [...(app.pages ?? []), ...subs.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
}

/**
 * What the code opens when scanned: the page with the scene URL-encoded, as WeChat hands it to the
 * page (`options.scene`, decodeURIComponent to read it).
 */
export function wxaCodeContent(page: string, scene: string): string {
  return `${page}?scene=${encodeURIComponent(scene)}`;
}

function clampWidth(value: unknown): number {
  const width = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : 430;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width));
}

function color(value: unknown): string {
  const rgb = value as { r?: unknown; g?: unknown; b?: unknown } | undefined;
  const part = (v: unknown) =>
    Math.min(255, Math.max(0, Number(v) || 0))
      .toString(16)
      .padStart(2, '0');
  return rgb && typeof rgb === 'object' ? `#${part(rgb.r)}${part(rgb.g)}${part(rgb.b)}` : '#000000';
}

export async function getUnlimited(params: Record<string, unknown>, pages: () => string[] = publishedPages): Promise<WxaCodeAnswer> {
  const scene = typeof params.scene === 'string' ? params.scene : params.scene === undefined ? '' : String(params.scene);
  if (!SCENE_PATTERN.test(scene)) return { ok: false, errcode: 40169, errmsg: 'invalid length for scene, or the data is not json' };
  const envVersion = params.env_version ?? 'release';
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) return { ok: false, errcode: 40097, errmsg: 'invalid args: env_version' };
  const known = pages();
  const page = typeof params.page === 'string' && params.page !== '' ? params.page : (known[0] ?? '');
  if (page.startsWith('/') || page.includes('?')) return { ok: false, errcode: 41030, errmsg: 'invalid page rule 2: no leading slash or query allowed' };
  if (params.check_path !== false && !known.includes(page))
    return { ok: false, errcode: 41030, errmsg: `invalid page rule 1: ${page} is not a published page` };
  const content = wxaCodeContent(page, scene);
  const png = await QRCode.toBuffer(content, {
    type: 'png',
    width: clampWidth(params.width),
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: params.auto_color === true ? '#000000' : color(params.line_color), light: params.is_hyaline === true ? '#0000' : '#ffffff' },
  });
  return { ok: true, png, content, page, scene };
}
