/**
 * Child process for the durability test: serves a DatabaseService on the SQLite file given as
 * argv[2] over HTTP and reports its port to the parent. The parent SIGKILLs it mid-write.
 */
import type { AddressInfo } from 'node:net';
import { DatabaseService } from '../../../emulator/database';
import { serveDatabase } from './db-only-server';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: durability-child <sqlite file>');
  const db = new DatabaseService({ file });
  db.ensureCollection('journal');
  const server = await serveDatabase(db);
  process.send?.({ port: (server.address() as AddressInfo).port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
