/**
 * Snapshot-isolated transactions with optimistic conflict detection.
 *
 * - start: opens a SQLite read snapshot (the state every read in the transaction sees).
 * - reads/writes: single documents only; writes are buffered in an overlay, so the transaction
 *   reads its own writes and nobody else sees them before commit.
 * - every document read or written records the version it had in the snapshot (null = absent).
 * - commit (of a transaction that wrote something; read-only ones always commit): inside one
 *   SQLite write transaction, the snapshot version of every document the transaction WRITES is
 *   compared with the current committed one; any difference (updated, deleted, created, by a
 *   transaction or a plain write) aborts with DATABASE_TRANSACTION_CONFLICT — the code node-sdk's
 *   runTransaction retries on — so a concurrent write is never lost. Otherwise the overlay is
 *   written atomically.
 * - documents only READ are not validated: like MongoDB's snapshot isolation (which CloudBase's
 *   document database is), only write-write conflicts abort, so write skew is possible here as it
 *   is in the cloud. A transaction that must not act on a stale read has to write the document it
 *   read (e.g. bump a version field), which turns the race into a write-write conflict.
 * - abandoned transactions expire `timeoutMs` after they started.
 */
import { randomBytes } from 'node:crypto';
import { DbErrors } from './errors';
import { idKey, type Doc, type Snapshot, type Store, type WriteOp } from './store';

interface Entry {
  collection: string;
  id: unknown;
}

export class Transaction {
  readonly startedAt = Date.now();
  /** key → version in the snapshot (null when absent) for every document read or written; only written ones are validated */
  private readonly observed = new Map<string, Entry & { version: number | null }>();
  /** key → buffered new state (null = deleted), in write order */
  private readonly overlay = new Map<string, Entry & { doc: Doc | null }>();

  constructor(
    readonly id: string,
    private readonly snapshot: Snapshot,
  ) {}

  private key(collection: string, id: unknown): string {
    return `${collection}\u0000${idKey(id)}`;
  }

  /** The document as this transaction sees it (snapshot + own writes). Do not mutate. */
  read(collection: string, id: unknown): Doc | null {
    const key = this.key(collection, id);
    const own = this.overlay.get(key);
    if (own) return own.doc;
    const stored = this.snapshot.get(collection, id);
    if (!this.observed.has(key)) this.observed.set(key, { collection, id, version: stored?.version ?? null });
    return stored?.doc ?? null;
  }

  write(collection: string, id: unknown, doc: Doc | null): void {
    this.read(collection, id); // records the snapshot version even for blind writes
    const key = this.key(collection, id);
    this.overlay.delete(key); // keep the latest write last
    this.overlay.set(key, { collection, id, doc });
  }

  get writeCount(): number {
    return this.overlay.size;
  }

  /** Validates against the current committed state and applies the buffered writes atomically. */
  commit(store: Store): void {
    const ops: WriteOp[] = [...this.overlay.values()].map((entry) =>
      entry.doc ? { type: 'put', collection: entry.collection, id: entry.id, doc: entry.doc } : { type: 'delete', collection: entry.collection, id: entry.id },
    );
    const check = () => {
      for (const key of this.overlay.keys()) {
        const entry = this.observed.get(key);
        if (!entry || store.versionOf(entry.collection, entry.id) !== entry.version) throw DbErrors.transactionConflict();
      }
    };
    // A read-only transaction saw one consistent snapshot: nothing to validate or write.
    if (!ops.length) return;
    store.commit(ops, check);
  }

  release(): void {
    this.snapshot.release();
  }
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
  ) {}

  start(): Transaction {
    this.sweep();
    const id = `${Date.now().toString(16)}${randomBytes(8).toString('hex')}`;
    const transaction = new Transaction(id, this.store.openSnapshot());
    this.open.set(id, transaction);
    return transaction;
  }

  get(id: string): Transaction {
    this.sweep();
    const transaction = this.open.get(id);
    if (!transaction) throw DbErrors.transactionNotExist(id);
    return transaction;
  }

  commit(id: string): void {
    const transaction = this.get(id);
    this.open.delete(id);
    try {
      transaction.commit(this.store);
    } finally {
      transaction.release();
    }
  }

  abort(id: string): void {
    const transaction = this.get(id);
    this.open.delete(id);
    transaction.release();
  }

  get size(): number {
    return this.open.size;
  }

  /** Rolls back transactions older than the timeout (CloudBase aborts abandoned transactions). */
  sweep(now = Date.now()): void {
    for (const [id, transaction] of this.open) {
      if (now - transaction.startedAt > this.timeoutMs) {
        this.open.delete(id);
        transaction.release();
      }
    }
  }

  closeAll(): void {
    for (const transaction of this.open.values()) transaction.release();
    this.open.clear();
  }
}
