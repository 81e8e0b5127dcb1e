import { SIM_MCH_ID } from './cloudpay-simulator';
import { loadSandboxKeys, sandboxFunctionEnv } from './payscore-sandbox';

/**
 * The payment function's WeChat Pay configuration for `npm start`: the cloudPay sub-merchant the
 * simulator accepts and the Pay Score sandbox's keys (generated once per data folder).
 */
export function localWxPayFunctionEnv(dataDir: string, baseUrl: string): Record<string, string> {
  return { WXPAY_SUB_MCH_ID: SIM_MCH_ID, ...sandboxFunctionEnv(loadSandboxKeys(dataDir), baseUrl) };
}
