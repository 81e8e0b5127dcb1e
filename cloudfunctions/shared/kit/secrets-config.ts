import { ConfigSchemas, type ConfigVariable } from './config';

/** The master key of secrets at rest (shared/domain/secret-box.ts), for every function that seals or opens them. */
export const SECRETS_VARIABLES = {
  SECRETS_MASTER_KEY: {
    schema: ConfigSchemas.masterKey(),
    secret: true,
    description:
      '加密存储密钥（收银密钥、手机号等）的主密钥：32 字节随机数的 base64（`openssl rand -base64 32`）。所有读写密文的函数必须相同；丢失后已加密的数据无法解开',
  },
  SECRETS_MASTER_KEY_ID: {
    schema: ConfigSchemas.text(),
    description: '主密钥的编号（如 k1），写在每条密文旁边；换钥时新旧编号不同，旧数据仍可按编号解开',
  },
} satisfies Record<string, ConfigVariable>;
