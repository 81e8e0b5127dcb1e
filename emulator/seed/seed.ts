import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseService } from '../database';
import { ALL_COLLECTIONS, masterKeyFromEnv } from '../product-seam';
import { demoDocuments } from './demo-data';

/** Creates every product collection (a deploy step in the cloud). */
export function createCollections(db: DatabaseService): void {
  for (const name of ALL_COLLECTIONS) db.ensureCollection(name);
}

/**
 * Loads the demo data once per data folder; returns false when it was already there.
 *
 * Idempotent and crash-safe: the missing demo documents are inserted in one atomic commit
 * (documents already stored — from an interrupted earlier run, or edited since — are kept as
 * they are), and the marker file is written only afterwards. A crash at any point leaves either
 * nothing, or everything without the marker; the next start then completes the seed instead of
 * failing with E11000.
 */
export function seedDemoData(db: DatabaseService, dataDir: string, functionEnv: Record<string, string>): boolean {
  const marker = join(dataDir, 'demo-seeded.json');
  if (existsSync(marker)) return false;
  const documents = demoDocuments(masterKeyFromEnv(functionEnv));
  db.insertMissing(documents);
  writeFileSync(marker, JSON.stringify({ seededAt: new Date().toISOString() }));
  return true;
}
