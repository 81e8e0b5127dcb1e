import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_COLLECTIONS } from '../../cloudfunctions/shared/collections';
import { masterKeyFromEnv } from '../../cloudfunctions/shared/domain/secret-box';
import type { DatabaseService } from '../database';
import { demoDocuments } from './demo-data';

/** Creates every product collection (a deploy step in the cloud). */
export function createCollections(db: DatabaseService): void {
  for (const name of ALL_COLLECTIONS) db.ensureCollection(name);
}

/** Loads the demo data once per data folder; returns false when it was already there. */
export function seedDemoData(db: DatabaseService, dataDir: string, functionEnv: Record<string, string>): boolean {
  const marker = join(dataDir, 'demo-seeded.json');
  if (existsSync(marker)) return false;
  const documents = demoDocuments(masterKeyFromEnv(functionEnv));
  for (const [collection, docs] of Object.entries(documents)) db.insertRaw(collection, docs);
  writeFileSync(marker, JSON.stringify({ seededAt: new Date().toISOString() }));
  return true;
}
