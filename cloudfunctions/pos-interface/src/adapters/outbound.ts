/** Pieces of outbound HTTP requests that every adapter assembles the same way. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/** Joins a configured base URL and a path without doubling or dropping the slash. */
export function joinUrl(base: string, path: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new RangeError(`收银系统地址无效: ${base}`);
  }
  // Credentials travel in headers and query strings: never send them in clear text.
  if (url.protocol !== 'https:') throw new RangeError(`收银系统地址必须是 https: ${base}`);
  if (!path) return url.toString();
  return `${base.replace(/\/+$/u, '')}/${path.replace(/^\/+/u, '')}`;
}

/** Path plus query exactly as it appears on the request line (what signatures cover). */
export function pathWithQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * application/x-www-form-urlencoded in the given key order. Vendors verify signatures over the
 * decoded values, so the encoding itself only has to be standard.
 */
export function encodeForm(fields: ReadonlyArray<readonly [string, string]>): string {
  return new URLSearchParams(fields.map(([k, v]): [string, string] => [k, v])).toString();
}
