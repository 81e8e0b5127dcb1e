import { createDecipheriv, createVerify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Verification of WeChat Pay APIv3 notifications (Pay Score and others): SHA256withRSA over
 * `timestamp\nnonce\nbody\n` with the platform key named by Wechatpay-Serial, a ±300 s clock
 * window, then AEAD_AES_256_GCM decryption of `resource`. Pure: keys and clock are passed in.
 */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type NotificationRejection =
  'missing_headers' | 'unknown_serial' | 'stale_timestamp' | 'bad_signature' | 'malformed_body' | 'decrypt_failed' | 'unsupported_algorithm';

export class NotificationRejectedError extends Error {
  constructor(readonly reason: NotificationRejection) {
    super(`notification rejected: ${reason}`);
    this.name = 'NotificationRejectedError';
  }
}

const envelopeSchema = z.object({
  id: z.string(),
  create_time: z.string().optional(),
  event_type: z.string(),
  resource_type: z.string().optional(),
  summary: z.string().optional(),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.string().optional().default(''),
    original_type: z.string().optional(),
  }),
});

export interface VerifiedNotification {
  id: string;
  eventType: string;
  /** the envelope's create_time (RFC 3339), when present */
  createTime?: string;
  /** decrypted resource JSON */
  resource: Record<string, unknown>;
}

export interface VerificationKeys {
  /** platform certificate serial / 微信支付公钥ID → public key */
  platformKeys: Record<string, KeyObject | string>;
  /** 32-byte APIv3 key */
  apiV3Key: string;
}

export function verifyNotification(
  headers: Record<string, string>,
  rawBody: string,
  keys: VerificationKeys,
  nowSeconds = Math.floor(Date.now() / 1000),
): VerifiedNotification {
  const timestamp = headers['wechatpay-timestamp'];
  const nonce = headers['wechatpay-nonce'];
  const serial = headers['wechatpay-serial'];
  const signature = headers['wechatpay-signature'];
  if (!timestamp || !nonce || !serial || !signature) throw new NotificationRejectedError('missing_headers');
  const publicKey = Object.prototype.hasOwnProperty.call(keys.platformKeys, serial) ? keys.platformKeys[serial] : undefined;
  if (!publicKey) throw new NotificationRejectedError('unknown_serial');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) throw new NotificationRejectedError('stale_timestamp');
  let valid = false;
  try {
    valid = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${rawBody}\n`).verify(publicKey, signature, 'base64');
  } catch {
    valid = false;
  }
  if (!valid) throw new NotificationRejectedError('bad_signature');

  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(rawBody));
  } catch {
    throw new NotificationRejectedError('malformed_body');
  }
  if (envelope.resource.algorithm !== 'AEAD_AES_256_GCM') throw new NotificationRejectedError('unsupported_algorithm');
  return {
    id: envelope.id,
    eventType: envelope.event_type,
    ...(envelope.create_time ? { createTime: envelope.create_time } : {}),
    resource: decryptResource(envelope.resource, keys.apiV3Key),
  };
}

function decryptResource(resource: { ciphertext: string; nonce: string; associated_data: string }, apiV3Key: string): Record<string, unknown> {
  try {
    const data = Buffer.from(resource.ciphertext, 'base64');
    if (data.length < 17) throw new Error('ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
    decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as Record<string, unknown>;
  } catch {
    throw new NotificationRejectedError('decrypt_failed');
  }
}

/** The decrypted Pay Score order as the USER_PAID / USER_CONFIRM notifications carry it. */
export const payScoreResourceSchema = z.object({
  out_order_no: z.string().min(1).max(32),
  service_id: z.string().optional(),
  state: z.string(),
  state_description: z.string().optional(),
  total_amount: z.number().int().nonnegative().optional(),
  collection: z
    .object({
      state: z.string(),
      paid_amount: z.number().int().nonnegative().optional(),
      details: z.array(z.object({ transaction_id: z.string().optional(), amount: z.number().int().optional(), paid_time: z.string().optional() })).optional(),
    })
    .optional(),
  openid: z.string().optional(),
});
export type PayScoreResource = z.infer<typeof payScoreResourceSchema>;

/**
 * The decrypted resource of PAYSCORE.USER_OPEN_SERVICE / USER_CLOSE_SERVICE (开启/解除授权服务):
 * who, which service, and when (openorclose_time, yyyyMMddHHmmss Beijing time).
 */
export const payScorePermissionResourceSchema = z.object({
  openid: z.string().min(1).max(128),
  service_id: z.string().optional(),
  appid: z.string().optional(),
  mchid: z.string().optional(),
  user_service_status: z.string().optional(),
  openorclose_time: z.string().optional(),
  authorization_code: z.string().max(32).optional(),
});
export type PayScorePermissionResource = z.infer<typeof payScorePermissionResourceSchema>;
