import { COMMON_VARIABLES, defineConfig } from '../../shared/kit';

/** ordering reads no merchant setting yet (table ordering adds its own here). */
export const configuration = defineConfig({ ...COMMON_VARIABLES });
