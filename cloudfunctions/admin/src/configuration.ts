import { COMMON_VARIABLES, defineConfig } from '../../shared/kit';

/** admin reads no merchant setting: invitation codes are hashed, not sealed. */
export const configuration = defineConfig({ ...COMMON_VARIABLES });
