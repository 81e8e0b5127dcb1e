import { exchangeRunner } from '../../../../shared/integration/run-exchange';
import { posSyncLogs } from '../../repositories/integration-plumbing';

/** Runs an authenticated exchange and writes its `pos_sync_logs` record (shared/integration/run-exchange.ts). */
export const runExchange = exchangeRunner(posSyncLogs);
import type { ExchangeParty as Party } from '../../../../shared/integration/run-exchange';
import type { PosIntegration } from '../../domain/integration';

export type ExchangeParty = Party<PosIntegration>;
