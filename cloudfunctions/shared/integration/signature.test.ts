import { buildStringToSign, isValidNonce, signRequest, verifySignature, type SignatureMaterial } from './signature';

const orderSync: SignatureMaterial = {
  method: 'post',
  pathWithQuery: '/v1/pos/order/sync',
  timestamp: '1736937000',
  nonce: 'nonce_0123456789abcdef',
  rawBody: '{"orderId":"POS_ORDER_202501151030001","totalAmount":76}',
};

describe('standard protocol signature', () => {
  it('builds METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nBODY with the method upper-cased', () => {
    expect(buildStringToSign(orderSync)).toBe(
      'POST\n/v1/pos/order/sync\n1736937000\nnonce_0123456789abcdef\n{"orderId":"POS_ORDER_202501151030001","totalAmount":76}',
    );
  });

  it('matches a vector computed independently with openssl', () => {
    // printf 'POST\n/v1/pos/order/sync\n1736937000\nnonce_0123456789abcdef\n{"orderId":"POS_ORDER_202501151030001","totalAmount":76}' \
    //   | openssl dgst -sha256 -hmac 'test_secret_key_123'
    expect(signRequest(orderSync, 'test_secret_key_123')).toBe('6626c36a30e53ed8458a61868bccfbaa3447b694ffc9dbdebc4bf6bbb3980868');
  });

  it('signs the query string and an empty body', () => {
    // printf 'GET\n/v1/pos/menu?page=2&size=50\n1736937000\nAAAAAAAAAAAAAAAA\n' | openssl dgst -sha256 -hmac 'k'
    const material = { method: 'GET', pathWithQuery: '/v1/pos/menu?page=2&size=50', timestamp: '1736937000', nonce: 'AAAAAAAAAAAAAAAA', rawBody: '' };
    expect(signRequest(material, 'k')).toBe('e637433b179ec8479779cb1c4d01b23394f5da31f82428835b2de30e2e731578');
  });

  it('signs UTF-8 bytes of Chinese bodies and keys', () => {
    // printf 'POST\n/v1/pos/order/sync\n1736937000\nnonce_0123456789abcdef\n{"itemName":"素麻婆豆腐"}' | openssl dgst -sha256 -hmac '密钥secret'
    expect(signRequest({ ...orderSync, rawBody: '{"itemName":"素麻婆豆腐"}' }, '密钥secret')).toBe(
      '3cdae9e1548be4edf832538c6b23654e749c6c5250593de132dfee386c1a3d03',
    );
  });

  it('verifies the right signature and rejects any change', () => {
    const good = '6626c36a30e53ed8458a61868bccfbaa3447b694ffc9dbdebc4bf6bbb3980868';
    expect(verifySignature(orderSync, 'test_secret_key_123', good)).toBe(true);
    expect(verifySignature(orderSync, 'other_secret', good)).toBe(false);
    expect(verifySignature({ ...orderSync, rawBody: orderSync.rawBody.replace('76', '77') }, 'test_secret_key_123', good)).toBe(false);
    expect(verifySignature({ ...orderSync, pathWithQuery: '/v1/pos/order/sync?x=1' }, 'test_secret_key_123', good)).toBe(false);
    expect(verifySignature({ ...orderSync, timestamp: '1736937001' }, 'test_secret_key_123', good)).toBe(false);
    expect(verifySignature({ ...orderSync, nonce: 'nonce_0123456789abcdeF' }, 'test_secret_key_123', good)).toBe(false);
  });

  it('treats malformed signatures as invalid without throwing', () => {
    expect(verifySignature(orderSync, 'test_secret_key_123', '6626C36A30E53ED8458A61868BCCFBAA3447B694FFC9DBDEBC4BF6BBB3980868')).toBe(false);
    expect(verifySignature(orderSync, 'test_secret_key_123', '6626c36a')).toBe(false);
    expect(verifySignature(orderSync, 'test_secret_key_123', '')).toBe(false);
    expect(verifySignature(orderSync, 'test_secret_key_123', undefined as unknown as string)).toBe(false);
    expect(verifySignature({ ...orderSync, nonce: 'short' }, 'test_secret_key_123', '6626c36a30e53ed8458a61868bccfbaa3447b694ffc9dbdebc4bf6bbb3980868')).toBe(
      false,
    );
  });

  it('refuses fields that could shift the field boundaries', () => {
    expect(() => buildStringToSign({ ...orderSync, pathWithQuery: '/v1/pos\n/x' })).toThrow(/换行/);
    expect(() => buildStringToSign({ ...orderSync, timestamp: '1736937000000000' })).toThrow(/Unix/);
    expect(() => buildStringToSign({ ...orderSync, timestamp: '2025-01-15' })).toThrow(/Unix/);
    expect(() => buildStringToSign({ ...orderSync, pathWithQuery: 'v1/pos' })).toThrow(/\//);
    expect(() => signRequest(orderSync, '')).toThrow(/密钥/);
  });

  it('accepts nonces of 16–64 header-safe characters only', () => {
    expect(isValidNonce('a'.repeat(16))).toBe(true);
    expect(isValidNonce('a'.repeat(64))).toBe(true);
    expect(isValidNonce('a'.repeat(15))).toBe(false);
    expect(isValidNonce('a'.repeat(65))).toBe(false);
    expect(isValidNonce('abc def ghij klmnop')).toBe(false);
  });
});
