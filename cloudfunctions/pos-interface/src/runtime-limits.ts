import functionConfig from '../config.json';

/**
 * The function's timeout as deployed (config.json `timeout`, seconds). Time budgets inside the
 * function are derived from it, so raising or lowering the timeout moves them along instead of
 * leaving a budget that the platform cuts off.
 */
export const FUNCTION_TIMEOUT_MS = functionConfig.timeout * 1000;
