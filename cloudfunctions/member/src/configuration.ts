import { COMMON_VARIABLES, defineConfig, SECRETS_VARIABLES } from '../../shared/kit';

/** member seals phone numbers at rest (shared/members/phone-vault.ts): it needs the master key. */
export const configuration = defineConfig({ ...COMMON_VARIABLES, ...SECRETS_VARIABLES });
