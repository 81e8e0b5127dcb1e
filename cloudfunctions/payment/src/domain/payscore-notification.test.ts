import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import { NotificationRejectedError, verifyNotification } from './payscore-notification';

// The "WeChat side" is the library's own signing and encryption helpers.
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const serial = 'PUB_KEY_ID_0114232134912410000000000000TEST';
const apiV3Key = randomBytes(16).toString('hex');
const keys = { platformKeys: { [serial]: platform.publicKey }, apiV3Key };
const now = 1_800_000_000;

function notification(resource: object, options: { signer?: typeof platform.privateKey; timestamp?: number; tamper?: boolean } = {}) {
  const nonce = Formatter.nonce(16).slice(0, 12);
  let ciphertext = Aes.AesGcm.encrypt(JSON.stringify(resource), apiV3Key, nonce, 'payscore');
  if (options.tamper) {
    const bytes = Buffer.from(ciphertext, 'base64');
    bytes[0] ^= 0x01;
    ciphertext = bytes.toString('base64');
  }
  const body = JSON.stringify({
    id: 'EV-1',
    create_time: '2026-11-22T10:00:00+08:00',
    event_type: 'PAYSCORE.USER_PAID',
    resource_type: 'encrypt-resource',
    resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext, nonce, associated_data: 'payscore', original_type: 'payscore' },
  });
  const timestamp = String(options.timestamp ?? now);
  const headerNonce = Formatter.nonce();
  const signature = Rsa.sign(Formatter.response(timestamp, headerNonce, body), options.signer ?? platform.privateKey);
  return { body, headers: { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': headerNonce, 'wechatpay-serial': serial, 'wechatpay-signature': signature } };
}

const resource = { out_order_no: 'P20261122100000abcdef012345', state: 'DONE', collection: { state: 'USER_PAID', paid_amount: 3800 } };

function rejection(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof NotificationRejectedError ? error.reason : String(error);
  }
}

describe('APIv3 notification verification', () => {
  it('accepts a correctly signed, fresh, intact notification and decrypts it', () => {
    const { body, headers } = notification(resource);
    expect(verifyNotification(headers, body, keys, now + 10)).toEqual({
      id: 'EV-1',
      eventType: 'PAYSCORE.USER_PAID',
      createTime: '2026-11-22T10:00:00+08:00',
      resource,
    });
  });

  it('rejects a forged signature, a wrong serial, a stale timestamp and tampered ciphertext', () => {
    const forged = notification(resource, { signer: other.privateKey });
    expect(rejection(() => verifyNotification(forged.headers, forged.body, keys, now))).toBe('bad_signature');

    const valid = notification(resource);
    expect(rejection(() => verifyNotification({ ...valid.headers, 'wechatpay-serial': 'PUB_KEY_ID_UNKNOWN' }, valid.body, keys, now))).toBe('unknown_serial');
    expect(rejection(() => verifyNotification(valid.headers, valid.body.replace('USER_PAID', 'USER_PAYD'), keys, now))).toBe('bad_signature');

    const stale = notification(resource, { timestamp: now - 301 });
    expect(rejection(() => verifyNotification(stale.headers, stale.body, keys, now))).toBe('stale_timestamp');
    const future = notification(resource, { timestamp: now + 301 });
    expect(rejection(() => verifyNotification(future.headers, future.body, keys, now))).toBe('stale_timestamp');

    const tampered = notification(resource, { tamper: true });
    expect(rejection(() => verifyNotification(tampered.headers, tampered.body, keys, now))).toBe('decrypt_failed');

    const { 'wechatpay-signature': _dropped, ...incomplete } = valid.headers;
    expect(rejection(() => verifyNotification(incomplete, valid.body, keys, now))).toBe('missing_headers');
  });

  it('accepts exactly 300 s of clock skew', () => {
    const edge = notification(resource, { timestamp: now - 300 });
    expect(verifyNotification(edge.headers, edge.body, keys, now).id).toBe('EV-1');
  });
});
