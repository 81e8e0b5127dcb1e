/**
 * The cabinet's configuration (function environment; same keys in the cloud and in the emulator).
 * Every value has a default that matches the seed and the issue, so a fresh environment works.
 */
const int = (value: string | undefined, fallback: number, min: number, max: number): number => {
  const parsed = value === undefined || value === '' ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= min && parsed <= max ? parsed : fallback;
};

export interface CabinetConfig {
  /** the door must open within this many seconds of the command, else the session ends and Pay Score is cancelled */
  openTimeoutSeconds: number;
  /** a device without a heartbeat for this long counts as offline */
  heartbeatStaleSeconds: number;
  /** the mini-program page a device code opens (wxacode.getUnlimited `page`) */
  scanPage: string;
  /** inline processing budget of an inbound vendor message before we acknowledge anyway (the vendor times out at 3 s) */
  inlineBudgetMs: number;
}

export function cabinetConfig(env: NodeJS.ProcessEnv = process.env): CabinetConfig {
  return {
    openTimeoutSeconds: int(env.CABINET_OPEN_TIMEOUT_SECONDS, 60, 10, 600),
    heartbeatStaleSeconds: int(env.CABINET_HEARTBEAT_STALE_SECONDS, 180, 30, 3600),
    scanPage: env.CABINET_SCAN_PAGE || 'cabinet/pages/scan/index',
    inlineBudgetMs: int(env.CABINET_INLINE_BUDGET_MS, 2500, 200, 2800),
  };
}

/** Seed 五.5.1 default when a store has no `amountLimitFen`: ¥500. */
export const DEFAULT_AMOUNT_LIMIT_FEN = 50_000;
