import { z } from 'zod';
import { COMMON_VARIABLES, ConfigSchemas, defineConfig, SECRETS_VARIABLES } from '../../shared/kit';

/** pos-interface seals vendor secrets and calls out to POS systems through the outbound guard. */
export const configuration = defineConfig({
  ...COMMON_VARIABLES,
  ...SECRETS_VARIABLES,
  OUTBOUND_ALLOW_HOSTS: {
    schema: z.string().optional(),
    description: '允许外呼的内网主机（逗号分隔的 host 或 host:port），只用于私有部署的收银系统；公网地址不需要登记',
    whenAbsent: '只允许公网地址（内网、回环、元数据地址一律拒绝）',
  },
  OUTBOUND_CA_PEM: {
    schema: ConfigSchemas.pem().optional(),
    description: '外呼 HTTPS 额外信任的 CA 证书（PEM，换行可写成 \\n），用于自签证书的收银系统',
    whenAbsent: '只信任系统内置 CA',
  },
});
