/**
 * A minimal stand-in for the emulator's HTTP server: POST /admin JSON → DatabaseService.handle,
 * reply 200 with `{ requestId, ...reply }` (what emulator/server.ts does for `database.*`).
 * Used by the database tests so they do not depend on the rest of the emulator, and by the
 * durability child process.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseService, type DatabaseServiceOptions } from '../../../emulator/database';

export interface DbOnlyServer {
  url: string;
  port: number;
  dataDir: string;
  file: string;
  db: DatabaseService;
  stop(): Promise<void>;
}

export function serveDatabase(db: DatabaseService, port = 0): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        let reply: Record<string, unknown>;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
          reply = String(body.action ?? '').startsWith('database.')
            ? await db.handle(body)
            : { code: 'EMULATOR_UNSUPPORTED_ACTION', message: `db-only server: ${String(body.action)}` };
        } catch (error) {
          reply = { code: 'EMULATOR_ERROR', message: (error as Error).message };
        }
        const text = JSON.stringify({ requestId: randomUUID(), ...reply });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(text);
      })();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

export async function startDbOnlyServer(options: Partial<DatabaseServiceOptions> & { dataDir?: string } = {}): Promise<DbOnlyServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'emulator-db-test-'));
  const file = options.file ?? join(dataDir, 'database.sqlite');
  const db = new DatabaseService({ ...options, file });
  const server = await serveDatabase(db);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    file,
    db,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
