import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * A complete, valid function configuration for tests that do not care about it: what every
 * function's configuration schema requires (src/configuration.ts), with throwaway keys. The
 * emulator's `npm start` supplies the same through localFunctionEnv + the simulators. Payment tests
 * that pay replace the WeChat Pay part with the sandbox's (test/payment/support.ts).
 */
let cached: Record<string, string> | undefined;

export function testFunctionEnv(): Record<string, string> {
  if (!cached) {
    const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
    cached = {
      SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
      SECRETS_MASTER_KEY_ID: 'test',
      WXPAY_SUB_MCH_ID: '1900000109',
      WXPAY_MCHID: '1900000109',
      WXPAY_APPID: 'wx0000000000local',
      WXPAY_MERCHANT_SERIAL: 'TEST-MERCHANT-SERIAL',
      WXPAY_MERCHANT_PRIVATE_KEY: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      WXPAY_APIV3_KEY: randomBytes(16).toString('hex'),
      WXPAY_APIV2_KEY: randomBytes(16).toString('hex'),
      WXPAY_PLATFORM_SERIAL: 'TEST-PLATFORM-SERIAL',
      WXPAY_PLATFORM_PUBLIC_KEY: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      WXPAY_PAYSCORE_SERVICE_ID: '00000000000000000000000000000000',
      WXPAY_PAYSCORE_NOTIFY_URL: 'https://example.invalid/v1/payment/payscore/notify',
    };
  }
  return { ...cached };
}
