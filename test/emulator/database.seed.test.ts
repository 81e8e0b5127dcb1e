/**
 * Demo seeding is idempotent and crash-safe: an interrupted seed (some collections written, no
 * marker) is completed by the next start instead of failing with E11000 on every start until
 * --reset. Checked through the real wx-server-sdk against the emulator's database.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { masterKeyFromEnv } from '../../cloudfunctions/shared/domain/secret-box';
import { localFunctionEnv } from '../../emulator/local-config';
import { demoDocuments } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { startDbOnlyServer, type DbOnlyServer } from './support/db-only-server';
import { connectSdk, type AnyDb } from './support/sdk';

let server: DbOnlyServer;
let db: AnyDb;

beforeEach(async () => {
  server = await startDbOnlyServer();
  ({ db } = connectSdk(server.url));
  createCollections(server.db);
});
afterEach(() => server.stop());

const env = () => localFunctionEnv(server.dataDir);
const marker = () => join(server.dataDir, 'demo-seeded.json');

/** `_id`s per collection, as the SDK reads them back. */
async function storedIds(collections: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of collections) {
    const { data } = await db.collection(name).orderBy('_id', 'asc').limit(100).get();
    out[name] = data.map((doc: { _id: string }) => doc._id);
  }
  return out;
}

function expectedIds(): Record<string, string[]> {
  const documents = demoDocuments(masterKeyFromEnv(env()));
  return Object.fromEntries(Object.entries(documents).map(([name, docs]) => [name, docs.map((doc) => String(doc._id)).sort()]));
}

describe('demo seed', () => {
  it('completes a seed that crashed halfway (partial data, no marker) and keeps what is there', async () => {
    const documents = demoDocuments(masterKeyFromEnv(env()));
    const collections = Object.keys(documents);
    // what the old, non-atomic seeding left behind when it died after the first collections
    for (const name of collections.slice(0, 3)) server.db.insertRaw(name, documents[name]);
    const firstStore = String(documents[collections[0]][0]._id);
    await db
      .collection(collections[0])
      .doc(firstStore)
      .update({ data: { name: 'edited since' } });

    expect(seedDemoData(server.db, server.dataDir, env())).toBe(true);
    expect(await storedIds(collections)).toEqual(expectedIds());
    expect((await db.collection(collections[0]).doc(firstStore).get()).data.name).toBe('edited since');
    expect(existsSync(marker())).toBe(true);
    expect(seedDemoData(server.db, server.dataDir, env())).toBe(false);
  });

  it('a crash after the data but before the marker: the rerun adds nothing twice', async () => {
    expect(seedDemoData(server.db, server.dataDir, env())).toBe(true);
    const collections = Object.keys(expectedIds());
    const before = await storedIds(collections);
    rmSync(marker());
    expect(seedDemoData(server.db, server.dataDir, env())).toBe(true);
    expect(await storedIds(collections)).toEqual(before);
    expect(before).toEqual(expectedIds());
  });

  it('writes all documents in one commit: a bad document anywhere means nothing is written', async () => {
    expect(() =>
      server.db.insertMissing({
        seed_a: [{ _id: 'a1', n: 1 }],
        seed_b: [
          { _id: 'b1', n: 1 },
          { _id: 'b2', $bad: 1 },
        ],
      }),
    ).toThrow(/is not valid for storage/);
    expect(server.db.readAll('seed_a')).toEqual([]);
    expect(() => server.db.insertMissing({ seed_c: [{ n: 1 }] })).toThrow(/need an _id/);
    expect(server.db.insertMissing({ seed_a: [{ _id: 'a1', n: 1 }] })).toBe(1);
    expect(
      server.db.insertMissing({
        seed_a: [
          { _id: 'a1', n: 2 },
          { _id: 'a2', n: 2 },
        ],
      }),
    ).toBe(1);
    expect((await db.collection('seed_a').orderBy('_id', 'asc').get()).data).toEqual([
      { _id: 'a1', n: 1 },
      { _id: 'a2', n: 2 },
    ]);
  });
});
