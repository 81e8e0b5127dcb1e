import { verifySignature } from './signature';
import { signedHeaders } from './sign-outbound';

describe('signed headers of outbound calls', () => {
  const now = new Date('2025-01-15T10:30:03Z');

  it('signs the URL path with its query, a fresh nonce and the exact body', () => {
    const headers = signedHeaders(
      { method: 'POST', url: 'https://pos.example.com/hooks/climate?shop=1', body: '{"a":1}', apiKey: 'pk_1', secret: 'sk_test' },
      now,
    );
    expect(headers['X-API-Key']).toBe('pk_1');
    expect(headers['X-Timestamp']).toBe('1736937003');
    expect(headers['X-Nonce']).toMatch(/^[0-9a-f]{32}$/);
    const material = { method: 'POST', pathWithQuery: '/hooks/climate?shop=1', timestamp: '1736937003', nonce: headers['X-Nonce'], rawBody: '{"a":1}' };
    expect(verifySignature(material, 'sk_test', headers['X-Signature'])).toBe(true);
    expect(verifySignature({ ...material, rawBody: '{"a":2}' }, 'sk_test', headers['X-Signature'])).toBe(false);
    expect(verifySignature({ ...material, pathWithQuery: '/hooks/climate' }, 'sk_test', headers['X-Signature'])).toBe(false);
  });

  it('matches a hand-computed HMAC for a fixed nonce', () => {
    // printf 'POST\n/hooks/climate?shop=1\n1736937003\n0123456789abcdef0123456789abcdef\n{"a":1}' | openssl dgst -sha256 -hmac sk_test
    const material = {
      method: 'POST',
      pathWithQuery: '/hooks/climate?shop=1',
      timestamp: '1736937003',
      nonce: '0123456789abcdef0123456789abcdef',
      rawBody: '{"a":1}',
    };
    expect(verifySignature(material, 'sk_test', 'a0ce4030e8ff743044626fd8ccb1853a6614fde4058918a13b2e270bcd606882')).toBe(true);
  });

  it('uses a new nonce on every call', () => {
    const a = signedHeaders({ method: 'GET', url: 'https://pos.example.com/pos/ping', body: '', apiKey: 'pk_1', secret: 's' }, now);
    const b = signedHeaders({ method: 'GET', url: 'https://pos.example.com/pos/ping', body: '', apiKey: 'pk_1', secret: 's' }, now);
    expect(a['X-Nonce']).not.toBe(b['X-Nonce']);
  });
});
