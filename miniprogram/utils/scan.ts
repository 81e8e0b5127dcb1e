import { ROUTES, TAB_ROUTES, withQuery } from '../config/routes';
import { comingSoonMessage, FEATURES } from './features';

/**
 * What a scanned code means. QR payloads are provisional until the cabinet and ordering
 * features fix them (docs/miniprogram.md): any text or URL whose query carries
 *   type=cabinet&deviceCode=XM-DEMO-0001                 智能柜
 *   type=cabinet&storeCode=SH-001                        门店的智能柜列表
 *   type=table&scene=A01.k3Y9xQ2mPz                      桌码（scene = 桌台 + 桌台密钥，见点餐契约）
 *   type=store&code=SH-001                               门店码（设为当前门店）
 * or a 小程序码 whose `path` points into this mini-program (a table's 小程序码 opens 扫码点餐
 * with its `scene`).
 */
export type ScanTarget =
  | { kind: 'cabinet'; deviceCode: string }
  | { kind: 'cabinetStore'; storeCode: string }
  | { kind: 'table'; scene: string }
  | { kind: 'store'; code: string }
  | { kind: 'page'; url: string }
  | { kind: 'unknown'; raw: string };

export type ScanRoute = { action: 'navigate'; url: string } | { action: 'switchTab'; url: string } | { action: 'toast'; message: string };

function parseQuery(text: string): Record<string, string> {
  const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
  const out: Record<string, string> = {};
  for (const pair of query.split('#')[0].split('&')) {
    const [rawKey, ...rest] = pair.split('=');
    if (!rawKey || rest.length === 0) continue;
    try {
      out[decodeURIComponent(rawKey)] = decodeURIComponent(rest.join('=').replace(/\+/g, ' '));
    } catch {
      // a malformed escape: not one of our codes
    }
  }
  return out;
}

export function parseScanResult(res: { result?: string; path?: string }): ScanTarget {
  if (res.path) return { kind: 'page', url: `/${res.path.replace(/^\/+/, '')}` };
  const raw = (res.result ?? '').trim();
  const query = parseQuery(raw);
  if (query.type === 'cabinet' && query.deviceCode) return { kind: 'cabinet', deviceCode: query.deviceCode };
  if (query.type === 'cabinet' && query.storeCode) return { kind: 'cabinetStore', storeCode: query.storeCode };
  if (query.type === 'table' && query.scene) return { kind: 'table', scene: query.scene };
  if (query.type === 'store' && query.code) return { kind: 'store', code: query.code };
  return { kind: 'unknown', raw };
}

const tabUrls: readonly string[] = Object.values(TAB_ROUTES);

export function routeScanTarget(target: ScanTarget): ScanRoute {
  switch (target.kind) {
    case 'cabinet': {
      const page = FEATURES.cabinet.page;
      return page
        ? { action: 'navigate', url: `${page}?deviceCode=${encodeURIComponent(target.deviceCode)}` }
        : { action: 'toast', message: comingSoonMessage('cabinet') };
    }
    case 'cabinetStore': {
      const page = FEATURES.cabinet.page;
      return page
        ? { action: 'navigate', url: `${page}?storeCode=${encodeURIComponent(target.storeCode)}` }
        : { action: 'toast', message: comingSoonMessage('cabinet') };
    }
    case 'table': {
      const page = FEATURES.ordering.page;
      return page
        ? { action: 'navigate', url: `${page}?scene=${encodeURIComponent(target.scene)}` }
        : { action: 'toast', message: comingSoonMessage('ordering') };
    }
    case 'store':
      return { action: 'navigate', url: withQuery(ROUTES.storePicker, { code: target.code }) };
    case 'page': {
      const path = target.url.split('?')[0];
      return tabUrls.includes(path) ? { action: 'switchTab', url: path } : { action: 'navigate', url: target.url };
    }
    default:
      return { action: 'toast', message: '无法识别该二维码' };
  }
}

/**
 * A cabinet's 小程序码 (wxacode.getUnlimited) carries `scene` ≤ 32 characters, which the opened page
 * receives URL-encoded in `options.scene`: `d=<deviceCode>` for one cabinet, `s=<storeCode>` for a
 * store's cabinets (seed: 扫描门店码). Anything else is not one of ours.
 */
export type CabinetScene = { deviceCode: string } | { storeCode: string } | null;

export function parseCabinetScene(scene: string | undefined): CabinetScene {
  if (!scene) return null;
  let text = scene;
  try {
    text = decodeURIComponent(scene);
  } catch {
    // a malformed escape: read it as it came
  }
  const [key, ...rest] = text.split('=');
  const value = rest.join('=').trim();
  if (!value) return null;
  if (key === 'd') return { deviceCode: value };
  if (key === 's') return { storeCode: value };
  return null;
}
