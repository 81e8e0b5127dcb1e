import { createCipheriv, createHmac, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Pay Score sandbox's keys and WeChat Pay APIv3's cryptography as the sandbox applies it:
 * platform signatures, AEAD_AES_256_GCM resources, the APIv2 HMAC of extraData, and complete
 * signed notifications. The sandbox's behaviour is payscore-sandbox.ts.
 */
export const SANDBOX_PREFIX = '/_emulator/wxpay-v3';

export interface SandboxKeys {
  mchid: string;
  appid: string;
  serviceId: string;
  merchantSerial: string;
  merchantPrivateKey: string;
  merchantPublicKey: string;
  platformSerial: string;
  platformPrivateKey: string;
  platformPublicKey: string;
  apiV3Key: string;
  /** the merchant's APIv2 key: wx.openBusinessView's extraData is signed with it */
  apiV2Key: string;
}

/** Keys for a data folder, generated once and kept there (restarts keep verifying). */
export function loadSandboxKeys(dataDir: string): SandboxKeys {
  const file = join(dataDir, 'wxpay-v3-sandbox.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as SandboxKeys;
    if (stored.apiV2Key) return stored;
    // Data folders from before the APIv2 key existed get one added, keeping every other key.
    const upgraded = { ...stored, apiV2Key: randomBytes(16).toString('hex') };
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  const pair = () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  const merchant = pair();
  const platform = pair();
  const keys: SandboxKeys = {
    mchid: '1900000109',
    appid: 'wx0000000000local',
    serviceId: '00004000000000000000000000000001',
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    platformSerial: `PUB_KEY_ID_LOCAL${randomBytes(12).toString('hex').toUpperCase()}`,
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    apiV3Key: randomBytes(16).toString('hex'),
    apiV2Key: randomBytes(16).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

/** The WXPAY_* configuration the payment function needs to talk to this sandbox. */
export function sandboxFunctionEnv(keys: SandboxKeys, emulatorUrl: string): Record<string, string> {
  return {
    WXPAY_MCHID: keys.mchid,
    WXPAY_APPID: keys.appid,
    WXPAY_MERCHANT_SERIAL: keys.merchantSerial,
    WXPAY_MERCHANT_PRIVATE_KEY: keys.merchantPrivateKey,
    WXPAY_APIV3_KEY: keys.apiV3Key,
    WXPAY_APIV2_KEY: keys.apiV2Key,
    WXPAY_PLATFORM_SERIAL: keys.platformSerial,
    WXPAY_PLATFORM_PUBLIC_KEY: keys.platformPublicKey,
    WXPAY_PAYSCORE_SERVICE_ID: keys.serviceId,
    WXPAY_PAYSCORE_NOTIFY_URL: `${emulatorUrl}/v1/payment/payscore/notify`,
    WXPAY_API_BASE_URL: `${emulatorUrl}${SANDBOX_PREFIX}/`,
    // The sandbox's service id has the 免确认 (smart-retail) permission, as the cabinet needs.
    WXPAY_PAYSCORE_NO_CONFIRM: 'true',
  };
}

/** What WeChat signs: `${timestamp}\n${nonce}\n${body}\n`, SHA256withRSA, base64. */
export function platformSign(keys: SandboxKeys, timestamp: string, nonce: string, body: string): string {
  return createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(keys.platformPrivateKey, 'base64');
}

export function encryptResource(keys: SandboxKeys, plaintext: string, nonce: string, associatedData: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keys.apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

/** WeChat Pay's key=value HMAC-SHA256 signature, as the Pay Score mini-program checks extraData's `sign`. */
export function hmacSignFields(fields: Record<string, unknown>, key: string): string {
  const message = Object.keys(fields)
    .filter((name) => name !== 'sign' && fields[name] !== undefined && fields[name] !== '')
    .sort()
    .map((name) => `${name}=${String(fields[name])}`)
    .join('&');
  return createHmac('sha256', key).update(`${message}&key=${key}`, 'utf8').digest('hex').toUpperCase();
}

/** A complete notification (body + headers) as WeChat would POST it. */
export function buildNotification(
  keys: SandboxKeys,
  eventType: string,
  resource: object,
  summary = '支付分通知',
  /** WeChat resends a notification under its id: pass it to send the same one again */
  id = `EV-${randomBytes(8).toString('hex')}`,
): { body: string; headers: Record<string, string> } {
  const nonce = randomBytes(6).toString('hex');
  const body = JSON.stringify({
    id,
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary,
    resource: {
      original_type: 'payscore',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: encryptResource(keys, JSON.stringify(resource), nonce, 'payscore'),
      associated_data: 'payscore',
      nonce,
    },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headerNonce = randomBytes(16).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': headerNonce,
      'wechatpay-serial': keys.platformSerial,
      'wechatpay-signature': platformSign(keys, timestamp, headerNonce, body),
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    },
  };
}
