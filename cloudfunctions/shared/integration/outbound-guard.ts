/**
 * The SSRF guard for every outbound call (integration endpoints, webhooks, and the vendor /
 * printer / ERP endpoints that come): a URL is usable only when it is https without user info and
 * EVERY address its host resolves to is public (outbound-address.ts). The addresses checked here
 * are the ones the socket then connects to (http-sender.ts passes them as the agent's `lookup`),
 * so a DNS answer cannot change between the check and the connection (rebinding).
 *
 * Local development reaches the emulator's own simulators through configuration, not a code path:
 * `OUTBOUND_ALLOW_HOSTS` lists `host:port` (or `host`, any port) entries that skip the address
 * check. The emulator sets it for its function instances; in the cloud it is unset.
 *
 * What a caller sees when a target is refused or cannot be reached is one fixed Chinese message:
 * no resolver or socket error text and no timing, so the checks cannot be used to map a network.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress, type AddressVerdict } from './outbound-address';

/** The one message a caller gets for a refused, unresolvable or unreachable target. */
export const OUTBOUND_UNAVAILABLE_MESSAGE = '该地址无法连接：须为可从公网访问的 https 地址，请检查地址、端口与证书';

export const OUTBOUND_ALLOW_ENV = 'OUTBOUND_ALLOW_HOSTS';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundTarget {
  url: URL;
  /** the hostname without IPv6 brackets: what the certificate must name */
  hostname: string;
  port: number;
  /** the checked addresses; the connection goes to one of these and nowhere else */
  addresses: ResolvedAddress[];
}

export type OutboundCheck = { ok: true; target: OutboundTarget } | { ok: false; reason: string };

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** `host:port` and `host` entries, lower case, IPv6 hosts without brackets. */
export function parseAllowList(text: string | undefined): Set<string> {
  const entries = new Set<string>();
  for (const raw of (text ?? '').split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) entries.add(bracketed[2] ? `${bracketed[1]}:${bracketed[2]}` : bracketed[1]);
    else entries.add(entry);
  }
  return entries;
}

function allowed(allow: Set<string>, hostname: string, port: number): boolean {
  return allow.has(`${hostname}:${port}`) || allow.has(hostname);
}

export interface GuardOptions {
  /** defaults to `OUTBOUND_ALLOW_HOSTS` of the environment */
  allow?: Set<string>;
  resolve?: Resolver;
}

/**
 * Checks a URL and resolves its host. The `reason` of a refusal is for the function log only;
 * callers show OUTBOUND_UNAVAILABLE_MESSAGE.
 */
export async function checkOutboundUrl(text: string, options: GuardOptions = {}): Promise<OutboundCheck> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol}` };
  if (url.username || url.password) return { ok: false, reason: 'user info in URL' };
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port ? Number(url.port) : 443;
  const allow = options.allow ?? parseAllowList(process.env[OUTBOUND_ALLOW_ENV]);
  const isAllowed = allowed(allow, hostname, port);

  let addresses: ResolvedAddress[];
  const family = isIP(hostname);
  if (family !== 0) addresses = [{ address: hostname, family: family as 4 | 6 }];
  else {
    try {
      addresses = await (options.resolve ?? systemResolver)(hostname);
    } catch (error) {
      return { ok: false, reason: `resolve ${hostname}: ${(error as NodeJS.ErrnoException).code ?? 'failed'}` };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: `resolve ${hostname}: no address` };
  if (!isAllowed) {
    // Every answer must be public: a resolver that mixes in one private address is refused whole.
    const refused = addresses.map((a) => [a.address, classifyAddress(a.address)] as const).find(([, verdict]) => verdict !== 'public');
    if (refused) return { ok: false, reason: `${hostname} → ${refused[0]} (${refused[1] as AddressVerdict})` };
  }
  return { ok: true, target: { url, hostname, port, addresses } };
}

/** For validation at the input: whether the URL is a usable outbound target now. */
export async function isUsableOutboundUrl(text: string, options: GuardOptions = {}): Promise<boolean> {
  return (await checkOutboundUrl(text, options)).ok;
}
