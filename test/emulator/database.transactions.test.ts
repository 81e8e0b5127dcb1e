/**
 * Transactions through the real wx-server-sdk: runTransaction / startTransaction, snapshot
 * isolation, write-write conflict detection (no lost update; write skew possible, like MongoDB),
 * single-document-only rule, expiry, update operators that cannot apply.
 */
import { startDbOnlyServer, type DbOnlyServer } from './support/db-only-server';
import { connectSdk, type AnyDb } from './support/sdk';

let server: DbOnlyServer;
let db: AnyDb;
let counter = 0;

function seed(docs: Record<string, unknown>[] = []): string {
  const name = `t_${++counter}`;
  server.db.ensureCollection(name);
  if (docs.length) server.db.insertRaw(name, docs);
  return name;
}

async function value(name: string, id: string): Promise<unknown> {
  return (await db.collection(name).doc(id).get()).data;
}

async function failure(promise: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errCode?: number; errMsg?: string; code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** Resolves once `parties` callers are waiting. */
function barrier(parties: number): () => Promise<void> {
  let waiting = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    waiting += 1;
    if (waiting === parties) release();
    return all;
  };
}

beforeAll(async () => {
  server = await startDbOnlyServer();
  ({ db } = connectSdk(server.url));
});
afterAll(() => server.stop());

describe('runTransaction and startTransaction', () => {
  it('commits several single-document operations atomically and returns the callback result', async () => {
    const name = seed([
      { _id: 'from', balance: 100 },
      { _id: 'to', balance: 0 },
    ]);
    const result = await db.runTransaction(async (transaction: AnyDb) => {
      const from = await transaction.collection(name).doc('from').get();
      await transaction
        .collection(name)
        .doc('from')
        .update({ data: { balance: from.data.balance - 30 } });
      await transaction
        .collection(name)
        .doc('to')
        .update({ data: { balance: db.command.inc(30) } });
      const added = await transaction.collection(name).add({ data: { kind: 'log', amount: 30 } });
      await transaction
        .collection(name)
        .doc('audit')
        .set({ data: { last: added._id } });
      return { logId: added._id };
    });
    expect(result).toEqual({ logId: expect.any(String) });
    expect(await value(name, 'from')).toEqual({ _id: 'from', balance: 70 });
    expect(await value(name, 'to')).toEqual({ _id: 'to', balance: 30 });
    expect(await value(name, result.logId)).toEqual({ _id: result.logId, kind: 'log', amount: 30 });
    expect(await value(name, 'audit')).toEqual({ _id: 'audit', last: result.logId });
    expect(server.db.openTransactions).toBe(0);
  });

  it('reads its own writes, and nobody else sees them before commit', async () => {
    const name = seed([{ _id: 'x', n: 1 }]);
    const transaction = await db.startTransaction();
    await transaction
      .collection(name)
      .doc('x')
      .update({ data: { n: 2 } });
    await transaction.collection(name).add({ data: { _id: 'y', n: 9 } });
    expect((await transaction.collection(name).doc('x').get()).data).toEqual({ _id: 'x', n: 2 });
    expect((await transaction.collection(name).doc('y').get()).data).toEqual({ _id: 'y', n: 9 });
    expect(await value(name, 'x')).toEqual({ _id: 'x', n: 1 });
    expect((await db.collection(name).count()).total).toBe(1);
    await transaction.commit();
    expect(await value(name, 'x')).toEqual({ _id: 'x', n: 2 });
    expect(await value(name, 'y')).toEqual({ _id: 'y', n: 9 });
  });

  it('reads a consistent snapshot even when others commit meanwhile', async () => {
    const name = seed([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 1 },
    ]);
    const transaction = await db.startTransaction();
    expect((await transaction.collection(name).doc('a').get()).data.n).toBe(1);
    await db
      .collection(name)
      .doc('a')
      .update({ data: { n: 2 } });
    await db
      .collection(name)
      .doc('b')
      .update({ data: { n: 2 } });
    expect((await transaction.collection(name).doc('a').get()).data.n).toBe(1);
    expect((await transaction.collection(name).doc('b').get()).data.n).toBe(1);
    await transaction.commit(); // read-only: nothing to conflict with
  });

  it('rollback() discards the writes; runTransaction rejects with the rollback reason', async () => {
    const name = seed([{ _id: 'r', n: 1 }]);
    const manual = await db.startTransaction();
    await manual
      .collection(name)
      .doc('r')
      .update({ data: { n: 2 } });
    await manual.rollback();
    expect(await value(name, 'r')).toEqual({ _id: 'r', n: 1 });

    const reason = await failure(
      db.runTransaction(async (transaction: AnyDb) => {
        await transaction
          .collection(name)
          .doc('r')
          .update({ data: { n: 3 } });
        await transaction.rollback('changed my mind');
      }),
    );
    expect(reason).toBe('changed my mind');
    expect(await value(name, 'r')).toEqual({ _id: 'r', n: 1 });
    expect(server.db.openTransactions).toBe(0);
  });

  it('an error thrown in the callback rolls back and rejects with it', async () => {
    const name = seed([{ _id: 'e', n: 1 }]);
    const error = await failure(
      db.runTransaction(async (transaction: AnyDb) => {
        await transaction.collection(name).doc('e').remove();
        throw new Error('business rule failed');
      }),
    );
    expect(error.message).toBe('business rule failed');
    expect(await value(name, 'e')).toEqual({ _id: 'e', n: 1 });
    expect(server.db.openTransactions).toBe(0);
  });

  it('doc().set() upserts and doc().remove() deletes inside a transaction', async () => {
    const name = seed([{ _id: 'gone', n: 1 }]);
    await db.runTransaction(async (transaction: AnyDb) => {
      await transaction
        .collection(name)
        .doc('fresh')
        .set({ data: { n: 5 } });
      const removed = await transaction.collection(name).doc('gone').remove();
      expect(removed.stats.removed).toBe(1);
    });
    expect(await value(name, 'fresh')).toEqual({ _id: 'fresh', n: 5 });
    expect((await failure(db.collection(name).doc('gone').get())).errMsg).toContain('does not exist');
  });

  it('a never-created collection fails inside a transaction too', async () => {
    const error = await failure(db.runTransaction(async (transaction: AnyDb) => transaction.collection('never_created_tx').add({ data: { a: 1 } })));
    expect(error.errCode).toBe(-502005);
  });
});

describe('single-document operations only', () => {
  it('a where().update() inside a transaction is refused and changes nothing', async () => {
    const name = seed([
      { _id: 'w1', kind: 'x', n: 0 },
      { _id: 'w2', kind: 'x', n: 0 },
    ]);
    const error = await failure(
      db.runTransaction(async (transaction: AnyDb) => {
        await transaction
          .collection(name)
          .where({ kind: 'x' })
          .update({ data: { n: 1 } });
      }),
    );
    expect(error.errCode).toBe(-501007);
    expect(error.errMsg).toContain('single-document operations');
    expect(await value(name, 'w1')).toEqual({ _id: 'w1', kind: 'x', n: 0 });
    expect(await value(name, 'w2')).toEqual({ _id: 'w2', kind: 'x', n: 0 });
    expect(server.db.openTransactions).toBe(0);
  });

  it('where().get(), where().remove(), count() and aggregate() are refused as well', async () => {
    const name = seed([{ _id: 'q', kind: 'x' }]);
    const transaction = await db.startTransaction();
    for (const attempt of [
      transaction.collection(name).where({ kind: 'x' }).get(),
      transaction.collection(name).where({ kind: 'x' }).remove(),
      transaction.collection(name).where({ kind: 'x' }).count(),
      transaction.collection(name).aggregate().match({ kind: 'x' }).end(),
    ]) {
      const error = await failure(attempt);
      expect(error.errMsg).toContain('single-document operations');
    }
    await transaction.rollback();
    expect(await value(name, 'q')).toEqual({ _id: 'q', kind: 'x' });
  });
});

describe('conflicts are detected, never lost', () => {
  it('runTransaction: two interleaved read-then-increment transactions both land (one is retried)', async () => {
    const name = seed([{ _id: 'counter', n: 0 }]);
    const bothRead = barrier(2);
    let attempts = 0;
    const increment = () =>
      db.runTransaction(async (transaction: AnyDb) => {
        attempts += 1;
        const first = attempts <= 2;
        const { data } = await transaction.collection(name).doc('counter').get();
        if (first) await bothRead(); // both first attempts have read n before either writes
        await transaction
          .collection(name)
          .doc('counter')
          .update({ data: { n: data.n + 1 } });
      });
    const results = await Promise.allSettled([increment(), increment()]);
    const committed = results.filter((r) => r.status === 'fulfilled').length;
    expect(committed).toBe(2);
    expect(attempts).toBe(3); // the conflicting one ran again on fresh data
    expect(await value(name, 'counter')).toEqual({ _id: 'counter', n: committed });
  });

  it('runTransaction under contention: the counter equals the number of committed increments', async () => {
    const name = seed([{ _id: 'counter', n: 0 }]);
    const parties = 6;
    const allRead = barrier(parties);
    let attempts = 0;
    const increment = (i: number) => {
      let first = true;
      return db.runTransaction(async (transaction: AnyDb) => {
        attempts += 1;
        const { data } = await transaction.collection(name).doc('counter').get();
        if (first) {
          first = false;
          await allRead(); // every first attempt reads n = 0 before anyone writes
        } else {
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 11));
        }
        await transaction
          .collection(name)
          .doc('counter')
          .update({ data: { n: data.n + 1 } });
      }, 10);
    };
    const results = await Promise.allSettled(Array.from({ length: parties }, (_unused, i) => increment(i)));
    const committed = results.filter((r) => r.status === 'fulfilled').length;
    expect(committed).toBeGreaterThan(0);
    expect(attempts).toBeGreaterThanOrEqual(committed + parties - 1); // at least 5 conflicts, all retried
    expect(await value(name, 'counter')).toEqual({ _id: 'counter', n: committed });
  });

  it('startTransaction/commit: the second commit of a conflicting pair fails with DATABASE_TRANSACTION_CONFLICT', async () => {
    const name = seed([{ _id: 'counter', n: 0 }]);
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    const read1 = await t1.collection(name).doc('counter').get();
    const read2 = await t2.collection(name).doc('counter').get();
    await t1
      .collection(name)
      .doc('counter')
      .update({ data: { n: read1.data.n + 1 } });
    await t2
      .collection(name)
      .doc('counter')
      .update({ data: { n: read2.data.n + 1 } });
    await t1.commit();
    const conflict = await failure(t2.commit());
    expect(conflict.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(conflict.message).toContain('TransactionConflict');
    expect(await value(name, 'counter')).toEqual({ _id: 'counter', n: 1 });

    // the caller retries on conflict, as runTransaction does: then both increments land
    for (;;) {
      const retry = await db.startTransaction();
      const { data } = await retry.collection(name).doc('counter').get();
      await retry
        .collection(name)
        .doc('counter')
        .update({ data: { n: data.n + 1 } });
      const outcome = await retry.commit().then(
        () => 'committed',
        (error: { code?: string }) => error.code,
      );
      if (outcome === 'committed') break;
      expect(outcome).toBe('DATABASE_TRANSACTION_CONFLICT');
    }
    expect(await value(name, 'counter')).toEqual({ _id: 'counter', n: 2 });
  });

  it('a plain write between read and commit makes the transaction conflict', async () => {
    const name = seed([{ _id: 'stock', left: 1 }]);
    const transaction = await db.startTransaction();
    const { data } = await transaction.collection(name).doc('stock').get();
    await db
      .collection(name)
      .doc('stock')
      .update({ data: { left: 0 } }); // someone else sold it
    await transaction
      .collection(name)
      .doc('stock')
      .update({ data: { left: data.left - 1 } });
    expect((await failure(transaction.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await value(name, 'stock')).toEqual({ _id: 'stock', left: 0 });
  });

  it('a document only read (not written) is not validated: write skew is possible, as with MongoDB snapshot isolation', async () => {
    const name = seed([
      { _id: 'a', on: true },
      { _id: 'b', on: true },
    ]);
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    // invariant the code wants: at least one stays on; each checks the other and turns itself off
    expect((await t1.collection(name).doc('b').get()).data.on).toBe(true);
    expect((await t2.collection(name).doc('a').get()).data.on).toBe(true);
    await t1
      .collection(name)
      .doc('a')
      .update({ data: { on: false } });
    await t2
      .collection(name)
      .doc('b')
      .update({ data: { on: false } });
    await t1.commit();
    await t2.commit(); // disjoint writes: no write-write conflict, so both commit (as in the cloud)
    expect(await value(name, 'a')).toEqual({ _id: 'a', on: false });
    expect(await value(name, 'b')).toEqual({ _id: 'b', on: false });
  });

  it('writing the document that was read turns write skew into a conflict (the cloud-safe pattern)', async () => {
    const name = seed([
      { _id: 'a', on: true, v: 0 },
      { _id: 'b', on: true, v: 0 },
    ]);
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    const b = await t1.collection(name).doc('b').get();
    const a = await t2.collection(name).doc('a').get();
    // each also bumps the version of the document its decision rests on
    await t1
      .collection(name)
      .doc('b')
      .update({ data: { v: b.data.v + 1 } });
    await t1
      .collection(name)
      .doc('a')
      .update({ data: { on: false } });
    await t2
      .collection(name)
      .doc('a')
      .update({ data: { v: a.data.v + 1 } });
    await t2
      .collection(name)
      .doc('b')
      .update({ data: { on: false } });
    await t1.commit();
    expect((await failure(t2.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await value(name, 'b')).toEqual({ _id: 'b', on: true, v: 1 });
  });

  it('a plain write to a document the transaction only read does not make it conflict', async () => {
    const name = seed([
      { _id: 'price', fen: 100 },
      { _id: 'order', fen: 0 },
    ]);
    const transaction = await db.startTransaction();
    const { data: price } = await transaction.collection(name).doc('price').get();
    await db
      .collection(name)
      .doc('price')
      .update({ data: { fen: 120 } });
    await transaction
      .collection(name)
      .doc('order')
      .update({ data: { fen: price.fen } });
    await transaction.commit(); // the order keeps the price of the snapshot, as MongoDB would
    expect(await value(name, 'order')).toEqual({ _id: 'order', fen: 100 });
    expect(await value(name, 'price')).toEqual({ _id: 'price', fen: 120 });
  });

  it('creating the same _id concurrently conflicts', async () => {
    const name = seed();
    const transaction = await db.startTransaction();
    await transaction.collection(name).add({ data: { _id: 'order-1', by: 'tx' } });
    await db.collection(name).add({ data: { _id: 'order-1', by: 'plain' } });
    expect((await failure(transaction.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await value(name, 'order-1')).toEqual({ _id: 'order-1', by: 'plain' });
  });
});

describe('abandoned transactions', () => {
  it('expire after the timeout and can no longer be used or committed', async () => {
    const short = await startDbOnlyServer({ transactionTimeoutMs: 150 });
    try {
      short.db.ensureCollection('tx');
      short.db.insertRaw('tx', [{ _id: 'x', n: 1 }]);
      const { db: shortDb } = connectSdk(short.url);
      const transaction = await shortDb.startTransaction();
      await transaction
        .collection('tx')
        .doc('x')
        .update({ data: { n: 2 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const error = await failure(transaction.commit());
      expect(error.code).toBe('DATABASE_TRANSACTION_FAIL');
      expect(short.db.openTransactions).toBe(0);
      expect((await shortDb.collection('tx').doc('x').get()).data).toEqual({ _id: 'x', n: 1 });
    } finally {
      await short.stop();
    }
  });
});
