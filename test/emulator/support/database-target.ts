/**
 * The full emulator (emulator/server.ts via the shared test helper) with no functions, so the
 * database contract runs through the same HTTP server functions use in local mode.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';

export async function startDatabaseEmulator(): Promise<TestEmulator> {
  const root = mkdtempSync(join(tmpdir(), 'emulator-db-contract-'));
  const functionsRoot = join(root, 'functions');
  mkdirSync(functionsRoot);
  const emulator = await startTestEmulator({ functionsRoot });
  const stop = emulator.stop.bind(emulator);
  emulator.stop = async () => {
    await stop();
    rmSync(root, { recursive: true, force: true });
  };
  return emulator;
}
