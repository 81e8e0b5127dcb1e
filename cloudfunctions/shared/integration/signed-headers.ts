import { isIP } from 'node:net';

/** The signature scheme's replay window: timestamps further than this from server time are refused. */
export const TIMESTAMP_WINDOW_SECONDS = 300;

export interface SignedHeaders {
  apiKey: string;
  timestamp: number;
  /** the header text exactly as sent: the signature covers the text, not the parsed number */
  timestampText: string;
  nonce: string;
  signature: string;
  bearer?: string;
}

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{9,11}$/;

/** Returns the parsed headers, or null when any is missing or malformed (one error code for all). */
export function parseSignedHeaders(headers: Record<string, string>): SignedHeaders | null {
  const apiKey = headers['x-api-key']?.trim();
  const timestampText = headers['x-timestamp']?.trim();
  const nonce = headers['x-nonce']?.trim();
  const signature = headers['x-signature']?.trim();
  if (
    !apiKey ||
    apiKey.length > 128 ||
    !timestampText ||
    !TIMESTAMP.test(timestampText) ||
    !nonce ||
    !NONCE.test(nonce) ||
    !signature ||
    !SIGNATURE.test(signature)
  ) {
    return null;
  }
  const authorization = headers.authorization?.trim();
  const bearerMatch = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return { apiKey, timestamp: Number(timestampText), timestampText, nonce, signature, bearer: bearerMatch?.[1] ?? (authorization ? '' : undefined) };
}

export function isTimestampFresh(timestampSeconds: number, now: Date = new Date()): boolean {
  return Math.abs(Math.floor(now.getTime() / 1000) - timestampSeconds) <= TIMESTAMP_WINDOW_SECONDS;
}

/** How long a nonce must be remembered: past the far edge of the window the timestamp check rejects it anyway. */
export function nonceExpiry(timestampSeconds: number): Date {
  return new Date((timestampSeconds + TIMESTAMP_WINDOW_SECONDS + 60) * 1000);
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function normaliseIp(ip: string): string {
  // Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1] : ip.toLowerCase();
}

/** Whitelist entries are exact addresses or IPv4 CIDR blocks; an empty whitelist allows everyone. */
export function isIpAllowed(ip: string | undefined, whitelist: readonly string[] | undefined): boolean {
  if (!whitelist || whitelist.length === 0) return true;
  if (!ip) return false;
  const address = normaliseIp(ip);
  return whitelist.some((entry) => {
    const [base, bitsText] = entry.trim().split('/');
    if (bitsText === undefined) return normaliseIp(base) === address;
    const bits = Number(bitsText);
    if (isIP(base) !== 4 || isIP(address) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (ipv4ToInt(base) & mask) === (ipv4ToInt(address) & mask);
  });
}
