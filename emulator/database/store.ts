import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parseEjson, stringifyEjson, toEjson } from './ejson';

export type Doc = Record<string, unknown>;

/** A document as stored: `version` is the commit sequence number of its last write. */
export interface StoredDoc {
  version: number;
  doc: Doc;
}

export type WriteOp = { type: 'put'; collection: string; id: unknown; doc: Doc } | { type: 'delete'; collection: string; id: unknown };

export interface StoreOptions {
  file: string;
  /** SQLite `synchronous` pragma. NORMAL (default) survives a killed process; FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
}

/** The key a document `_id` (string, number or `{ $oid }`) is stored under. */
export function idKey(id: unknown): string {
  return JSON.stringify(toEjson(id));
}

/** 32 lowercase hex characters, like the ids CloudBase generates: time prefix + random. */
export function generateId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
  return seconds + randomBytes(12).toString('hex');
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS collections (
  name TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  rid INTEGER PRIMARY KEY,
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (collection, id)
);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/**
 * A consistent read-only view of the database as of the moment it was opened: a separate SQLite
 * connection holding an open read transaction (WAL mode keeps that snapshot stable while the main
 * connection commits).
 */
export class Snapshot {
  readonly seq: number;
  private readonly getStmt: BetterSqlite3.Statement;
  private released = false;

  constructor(
    private readonly connection: BetterSqlite3.Database,
    private readonly onRelease: (connection: BetterSqlite3.Database) => void,
  ) {
    connection.exec('BEGIN');
    // The first read starts the read transaction and pins the snapshot.
    const row = connection.prepare(`SELECT value FROM meta WHERE key = 'seq'`).get() as { value: string } | undefined;
    this.seq = row ? Number(row.value) : 0;
    this.getStmt = connection.prepare('SELECT version, data FROM documents WHERE collection = ? AND id = ?');
  }

  get(collection: string, id: unknown): StoredDoc | undefined {
    if (this.released) throw new Error('snapshot already released');
    const row = this.getStmt.get(collection, idKey(id)) as { version: number; data: string } | undefined;
    return row ? { version: row.version, doc: parseEjson(row.data) as Doc } : undefined;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    try {
      this.connection.exec('COMMIT');
    } catch {
      // nothing to end
    }
    this.onRelease(this.connection);
  }
}

export class Store {
  private readonly db: BetterSqlite3.Database;
  private readonly file: string;
  private readonly lockFile: string;
  private readonly tempDir: string | undefined;
  private readonly collections = new Set<string>();
  /** collection → (idKey → stored document), in insertion (natural) order; loaded lazily */
  private readonly cache = new Map<string, Map<string, StoredDoc>>();
  private readonly idleReaders: BetterSqlite3.Database[] = [];
  private readonly openReaders = new Set<BetterSqlite3.Database>();
  private seq: number;
  private closed = false;

  private readonly stmts: {
    insertCollection: BetterSqlite3.Statement;
    upsertDoc: BetterSqlite3.Statement;
    deleteDoc: BetterSqlite3.Statement;
    setSeq: BetterSqlite3.Statement;
    loadCollection: BetterSqlite3.Statement;
  };

  private readonly commitListeners = new Set<(collections: string[]) => void>();

  constructor(options: StoreOptions) {
    if (options.file === ':memory:') {
      // Snapshots need a second connection to the same database, so ':memory:' is a temp file.
      this.tempDir = mkdtempSync(join(tmpdir(), 'emulator-db-'));
      this.file = join(this.tempDir, 'database.sqlite');
    } else {
      this.file = options.file;
    }
    this.lockFile = acquireLock(`${this.file}.lock`);
    this.db = new BetterSqlite3(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    for (const row of this.db.prepare('SELECT name FROM collections').all() as { name: string }[]) this.collections.add(row.name);
    const seqRow = this.db.prepare(`SELECT value FROM meta WHERE key = 'seq'`).get() as { value: string } | undefined;
    this.seq = seqRow ? Number(seqRow.value) : 0;
    this.stmts = {
      insertCollection: this.db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)'),
      upsertDoc: this.db.prepare(
        'INSERT INTO documents (collection, id, version, data) VALUES (?, ?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET version = excluded.version, data = excluded.data',
      ),
      deleteDoc: this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?'),
      setSeq: this.db.prepare(`INSERT INTO meta (key, value) VALUES ('seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      loadCollection: this.db.prepare('SELECT id, version, data FROM documents WHERE collection = ? ORDER BY rid'),
    };
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  listCollections(): string[] {
    return [...this.collections].sort();
  }

  /** Returns false when the collection already existed. */
  createCollection(name: string): boolean {
    if (this.collections.has(name)) return false;
    this.stmts.insertCollection.run(name, Date.now());
    this.collections.add(name);
    return true;
  }

  private load(collection: string): Map<string, StoredDoc> {
    let docs = this.cache.get(collection);
    if (!docs) {
      docs = new Map();
      for (const row of this.stmts.loadCollection.all(collection) as { id: string; version: number; data: string }[]) {
        docs.set(row.id, { version: row.version, doc: parseEjson(row.data) as Doc });
      }
      this.cache.set(collection, docs);
    }
    return docs;
  }

  /** Current committed documents of a collection in natural order. Callers must not mutate them. */
  scan(collection: string): Doc[] {
    return [...this.load(collection).values()].map((entry) => entry.doc);
  }

  get(collection: string, id: unknown): StoredDoc | undefined {
    return this.load(collection).get(idKey(id));
  }

  /** Version of the current committed document, or null when there is none. */
  versionOf(collection: string, id: unknown): number | null {
    return this.get(collection, id)?.version ?? null;
  }

  /**
   * Applies the writes atomically: one SQLite transaction, committed (in the WAL) before this
   * returns, so an acknowledged write survives a killed process. `check` runs inside the
   * transaction before anything is written and may throw to abort it.
   */
  commit(ops: WriteOp[], check?: () => void): number {
    if (this.closed) throw new Error('database is closed');
    const seq = this.seq + 1;
    const prepared = ops.map((op) => (op.type === 'put' ? { ...op, key: idKey(op.id), text: stringifyEjson(op.doc) } : { ...op, key: idKey(op.id) }));
    this.db
      .transaction(() => {
        check?.();
        for (const op of prepared) {
          if (op.type === 'put') this.stmts.upsertDoc.run(op.collection, op.key, seq, (op as { text: string }).text);
          else this.stmts.deleteDoc.run(op.collection, op.key);
        }
        this.stmts.setSeq.run(String(seq));
      })
      .immediate();
    this.seq = seq;
    for (const op of prepared) {
      const docs = this.load(op.collection);
      // cache exactly what was stored, so reads never see something the file does not hold
      if (op.type === 'put') docs.set(op.key, { version: seq, doc: parseEjson((op as { text: string }).text) as Doc });
      else docs.delete(op.key);
    }
    if (this.commitListeners.size) {
      const touched = [...new Set(ops.map((op) => op.collection))];
      // Watchers (the live-query endpoint) re-run their queries; one of them failing must not fail the write.
      for (const listener of this.commitListeners) {
        try {
          listener(touched);
        } catch {
          /* reported by the listener itself */
        }
      }
    }
    return seq;
  }

  /** Called after every commit with the collections it wrote; returns the unsubscribe function. */
  onCommit(listener: (collections: string[]) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  openSnapshot(): Snapshot {
    const connection = this.idleReaders.pop() ?? this.openReader();
    this.openReaders.add(connection);
    return new Snapshot(connection, (released) => {
      this.openReaders.delete(released);
      if (!this.closed && this.idleReaders.length < 4) this.idleReaders.push(released);
      else released.close();
    });
  }

  private openReader(): BetterSqlite3.Database {
    const connection = new BetterSqlite3(this.file);
    connection.pragma('busy_timeout = 5000');
    return connection;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const connection of [...this.idleReaders, ...this.openReaders]) {
      try {
        connection.close();
      } catch {
        // already closed
      }
    }
    this.idleReaders.length = 0;
    this.openReaders.clear();
    this.db.close();
    rmSync(this.lockFile, { force: true });
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }
}

/**
 * One Store per data file: each keeps its own cache and sequence, so a second emulator on the
 * same folder would silently lose acknowledged writes. A lock left by a killed process (its pid
 * is gone) is taken over.
 */
function acquireLock(lockFile: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(`数据目录正被另一个模拟器进程（pid ${holder}）使用：${lockFile}。请先停止它，或用 --data 指定别的目录`);
      }
      if (holder === process.pid) throw new Error(`数据文件已在本进程中打开：${lockFile}`);
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`无法锁定数据文件：${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
