import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseService } from '../database';
import { ALL_COLLECTIONS, declaredCollections, masterKeyFromEnv, toManagementIndex, toPermission } from '../product-seam';
import { demoDocuments } from './demo-data';

const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * Creates every product collection with its declared indexes and security rules: what the
 * bootstrap (`npm run cloud:bootstrap`) does in a real environment through the management API,
 * done here directly so every test and `npm start` runs under the same index check.
 */
export function createCollections(db: DatabaseService): void {
  for (const collection of declaredCollections(PROJECT_ROOT)) {
    db.createManagedCollection(collection.name);
    const existing = new Set(db.describeCollection(collection.name)?.indexes.map((index) => index.name));
    const missing = collection.indexes
      .map(toManagementIndex)
      .filter((index) => !existing.has(index.IndexName))
      .map((index) => ({
        name: index.IndexName,
        keys: index.MgoKeySchema.MgoIndexKeys.map((key): [string, 1 | -1] => [key.Name, key.Direction === '-1' ? -1 : 1]),
        unique: index.MgoKeySchema.MgoIsUnique,
      }));
    if (missing.length) db.updateIndexes(collection.name, missing, []);
    db.setRule(collection.name, toPermission(collection.rule));
    db.markGrowing(collection.name, collection.grows);
  }
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
