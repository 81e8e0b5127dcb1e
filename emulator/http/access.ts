import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { header, HttpError } from './body';

/**
 * Who may talk to the emulator at all. The bridge trusts `x-wx-openid`, `/_emulator/*` marks
 * payments paid and `/admin` is the database: a web page the developer has open must not reach
 * any of them, neither cross-site (a `text/plain` form POST needs no CORS preflight) nor through
 * DNS rebinding (the page's own origin, its name re-pointed at 127.0.0.1). So:
 *  - the Host header must name the emulator: a loopback name with its port, an address it listens
 *    on, or a configured host (`EMULATOR_ALLOWED_HOSTS`) — a rebinding page's Host is its own name;
 *  - a request with an Origin must come from an allowed one. WeChat DevTools' and the WeChat
 *    client's `wx.request` send none (DevTools makes the request itself, not its web view) or the
 *    mini-program's `https://servicewechat.com`; `EMULATOR_ALLOWED_ORIGINS` adds more;
 *  - where JSON is meant the body is `application/json`, which a browser cannot send cross-site
 *    without a preflight the emulator never answers.
 */
export interface AccessPolicy {
  port: number;
  /** extra host names (any of them, with the emulator's port) or `host:port` pairs */
  allowedHosts: readonly string[];
  /** extra origins besides DEVTOOLS_ORIGINS, e.g. `http://localhost:5173` */
  allowedOrigins: readonly string[];
}

export const DEVTOOLS_ORIGINS = ['https://servicewechat.com'];
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The host names the emulator answers to when it listens on `listenHost` (and any configured). */
export function hostsFor(listenHost: string, configured: readonly string[] = []): string[] {
  const hosts = new Set([...LOOPBACK_HOSTS, ...configured.map((h) => h.trim().toLowerCase()).filter(Boolean)]);
  const all = listenHost === '0.0.0.0' || listenHost === '::';
  // Listening on the LAN for real-device debugging: the phone uses one of this machine's
  // addresses. Literal addresses cannot be rebound, so allowing them is safe.
  const addresses = all ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address)) : [listenHost];
  for (const address of addresses) hosts.add(address.includes(':') ? `[${address.toLowerCase()}]` : address.toLowerCase());
  return [...hosts];
}

export function hostAllowed(hostHeader: string | undefined, policy: AccessPolicy): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
  if (!match) return false;
  const [, name, port] = match;
  return policy.allowedHosts.some((entry) => {
    const explicit = /^(.*):(\d+)$/.exec(entry);
    if (explicit && !entry.endsWith(']')) return explicit[1] === name && explicit[2] === (port ?? '80');
    return entry === name && port === String(policy.port);
  });
}

export function originAllowed(origin: string | undefined, policy: AccessPolicy): boolean {
  if (origin === undefined) return true;
  const normalized = origin.trim().toLowerCase().replace(/\/+$/, '');
  return [...DEVTOOLS_ORIGINS, ...policy.allowedOrigins].some((allowed) => allowed.toLowerCase().replace(/\/+$/, '') === normalized);
}

function mediaType(req: IncomingMessage): string | undefined {
  return header(req, 'content-type')?.split(';')[0].trim().toLowerCase();
}

function hasBody(req: IncomingMessage): boolean {
  const length = Number(header(req, 'content-length') ?? '0');
  return header(req, 'transfer-encoding') !== undefined || (Number.isFinite(length) && length > 0);
}

/** Refuses a request from outside (wrong Host, or a cross-site Origin). Every endpoint: host; the emulator's own endpoints: origin too. */
export function checkCaller(req: IncomingMessage, policy: AccessPolicy, checkOrigin: boolean): void {
  if (!hostAllowed(header(req, 'host'), policy)) {
    throw new HttpError(
      403,
      `Host ${header(req, 'host') ?? '(none)'} is not this emulator; add it to EMULATOR_ALLOWED_HOSTS to allow it`,
      true,
      'EMULATOR_HOST_REFUSED',
    );
  }
  if (checkOrigin && !originAllowed(header(req, 'origin'), policy)) {
    throw new HttpError(
      403,
      `cross-site request from ${header(req, 'origin')} refused; add it to EMULATOR_ALLOWED_ORIGINS to allow it`,
      true,
      'EMULATOR_ORIGIN_REFUSED',
    );
  }
}

/** A body, where there is one, must be one of `types` (by default JSON). */
export function requireContentType(req: IncomingMessage, types: readonly string[] = ['application/json']): void {
  const type = mediaType(req);
  if (type === undefined ? !hasBody(req) : types.includes(type)) return;
  throw new HttpError(415, `content-type must be ${types.join(' or ')}`, true, 'EMULATOR_UNSUPPORTED_MEDIA_TYPE');
}
