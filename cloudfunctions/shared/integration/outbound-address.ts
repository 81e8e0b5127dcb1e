/**
 * Which IP addresses an outbound call may reach. Pure: no DNS, no sockets. Anything that is not a
 * public unicast address is refused — loopback, the private ranges, link-local (and with it the
 * cloud metadata service 169.254.169.254), CGNAT, unspecified, multicast, reserved and
 * documentation ranges, IPv6 unique-local (fc00::/7, with AWS's fd00:ec2::254) — and IPv6 forms
 * that carry an IPv4 address (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64, 6to4) are
 * judged by the IPv4 address inside, so `[::ffff:127.0.0.1]` is loopback like `127.0.0.1`.
 */
import { isIP } from 'node:net';

export type AddressVerdict = 'public' | 'invalid' | 'loopback' | 'private' | 'link-local' | 'cgnat' | 'unspecified' | 'multicast' | 'reserved' | 'unique-local';

interface V4Range {
  base: number;
  bits: number;
  verdict: Exclude<AddressVerdict, 'public' | 'invalid'>;
}

const v4 = (text: string, bits: number, verdict: V4Range['verdict']): V4Range => ({ base: ipv4ToInt(text)!, bits, verdict });

const IPV4_BLOCKED: readonly V4Range[] = [
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'cgnat'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'reserved'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'),
  v4('198.51.100.0', 24, 'reserved'),
  v4('203.0.113.0', 24, 'reserved'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

function ipv4ToInt(text: string): number | null {
  if (isIP(text) !== 4) return null;
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function inV4Range(value: number, range: V4Range): boolean {
  const size = 2 ** (32 - range.bits);
  return Math.floor(value / size) === Math.floor(range.base / size);
}

export function classifyIpv4(text: string): AddressVerdict {
  const value = ipv4ToInt(text);
  if (value === null) return 'invalid';
  return IPV4_BLOCKED.find((range) => inV4Range(value, range))?.verdict ?? 'public';
}

/** The eight 16-bit groups of an IPv6 address (zone dropped), or null when it is not one. */
export function ipv6Groups(text: string): number[] | null {
  const address = text.replace(/^\[|\]$/g, '').split('%')[0];
  if (isIP(address) !== 6) return null;
  let body = address;
  const lastColon = body.lastIndexOf(':');
  const last = body.slice(lastColon + 1);
  if (last.includes('.')) {
    // an embedded IPv4 tail (::ffff:1.2.3.4) is two groups written in decimal
    const value = ipv4ToInt(last);
    if (value === null) return null;
    body = `${body.slice(0, lastColon + 1)}${Math.floor(value / 65536).toString(16)}:${(value % 65536).toString(16)}`;
  }
  const [headText, tailText] = body.includes('::') ? body.split('::') : [body, undefined];
  const parse = (part: string) =>
    part
      ? part
          .split(':')
          .filter((g) => g !== '')
          .map((g) => parseInt(g, 16))
      : [];
  const head = parse(headText);
  const rest = tailText === undefined ? [] : parse(tailText);
  const fill = 8 - head.length - rest.length;
  if ((tailText === undefined && fill !== 0) || fill < 0) return null;
  return [...head, ...new Array<number>(fill).fill(0), ...rest];
}

function v4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function classifyIpv6(text: string): AddressVerdict {
  const g = ipv6Groups(text);
  if (!g) return 'invalid';
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d
  if (zeroUpTo(5) && g[5] === 0xffff) return classifyIpv4(v4FromGroups(g[6], g[7]));
  if (zeroUpTo(6)) return classifyIpv4(v4FromGroups(g[6], g[7]));
  // NAT64 64:ff9b::/96 and 64:ff9b:1::/48 translate to the IPv4 address in the last 32 bits
  if (g[0] === 0x64 && g[1] === 0xff9b) return classifyIpv4(v4FromGroups(g[6], g[7]));
  // 6to4 2002:AABB:CCDD::/48 tunnels to the IPv4 address AA.BB.CC.DD
  if (g[0] === 0x2002) return classifyIpv4(v4FromGroups(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x0100 && zeroUpTo(4)) return 'reserved'; // discard-only 100::/64
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  if (g[0] === 0x2001 && g[1] === 0) return 'reserved'; // Teredo: hides the peer's IPv4
  return 'public';
}

/** The verdict for any textual IP address (IPv4, IPv6 with or without brackets). */
export function classifyAddress(text: string): AddressVerdict {
  const bare = text.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0]);
  if (family === 4) return classifyIpv4(bare);
  if (family === 6) return classifyIpv6(bare);
  return 'invalid';
}

export function isPublicAddress(text: string): boolean {
  return classifyAddress(text) === 'public';
}
