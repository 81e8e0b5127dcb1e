import { isIpAllowed, isTimestampFresh, nonceExpiry, parseSignedHeaders } from './signed-headers';

const valid = { 'x-api-key': 'pk_1', 'x-timestamp': '1736937000', 'x-nonce': 'abcdefghijklmnop', 'x-signature': 'a'.repeat(64) };

describe('parseSignedHeaders', () => {
  it('parses the four headers and an optional bearer token', () => {
    expect(parseSignedHeaders(valid)).toEqual({
      apiKey: 'pk_1',
      timestamp: 1736937000,
      timestampText: '1736937000',
      nonce: 'abcdefghijklmnop',
      signature: 'a'.repeat(64),
      bearer: undefined,
    });
    expect(parseSignedHeaders({ ...valid, authorization: 'Bearer at_x' })?.bearer).toBe('at_x');
    // a malformed Authorization is an (invalid) empty token, not "no token"
    expect(parseSignedHeaders({ ...valid, authorization: 'Basic x' })?.bearer).toBe('');
  });

  it.each([
    ['x-api-key', ''],
    ['x-timestamp', '1736937000000000'],
    ['x-timestamp', '17369370a0'],
    ['x-nonce', 'short'],
    ['x-nonce', 'x'.repeat(65)],
    ['x-nonce', 'has space in it 1234'],
    ['x-signature', 'A'.repeat(64)],
    ['x-signature', 'a'.repeat(63)],
  ])('rejects %s = %j', (header, value) => {
    expect(parseSignedHeaders({ ...valid, [header]: value })).toBeNull();
  });
});

describe('timestamp window', () => {
  const now = new Date(1736937000_000);
  it('accepts ±300 s and refuses 301 s either way', () => {
    expect(isTimestampFresh(1736937000 - 300, now)).toBe(true);
    expect(isTimestampFresh(1736937000 + 300, now)).toBe(true);
    expect(isTimestampFresh(1736937000 - 301, now)).toBe(false);
    expect(isTimestampFresh(1736937000 + 301, now)).toBe(false);
  });
  it('keeps a nonce past the far edge of its window', () => {
    expect(nonceExpiry(1736937000).getTime()).toBe((1736937000 + 360) * 1000);
  });
});

describe('isIpAllowed', () => {
  it('allows everyone without a whitelist', () => {
    expect(isIpAllowed('8.8.8.8', [])).toBe(true);
    expect(isIpAllowed(undefined, undefined)).toBe(true);
  });
  it('matches exact addresses, IPv4-mapped IPv6 and CIDR blocks', () => {
    expect(isIpAllowed('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isIpAllowed('10.1.2.77', ['10.1.2.0/24'])).toBe(true);
    expect(isIpAllowed('10.1.3.1', ['10.1.2.0/24'])).toBe(false);
    expect(isIpAllowed('192.168.0.1', ['0.0.0.0/0'])).toBe(true);
    expect(isIpAllowed(undefined, ['127.0.0.1'])).toBe(false);
    expect(isIpAllowed('10.0.0.1', ['10.0.0.0/33'])).toBe(false);
  });
});
