/**
 * Update operators that cannot apply to the stored document fail like MongoDB / CloudBase
 * (DATABASE_REQUEST_FAILED → errCode -502001) instead of silently changing nothing: arithmetic on
 * a non-number, array operators on a non-array, a path through a scalar or null, an empty field
 * name. Through the real wx-server-sdk: single updates, update-by-query and transactions.
 */
import { startDbOnlyServer, type DbOnlyServer } from './support/db-only-server';
import { connectSdk, type AnyDb } from './support/sdk';

let server: DbOnlyServer;
let db: AnyDb;
let _: AnyDb;
let counter = 0;

function seed(docs: Record<string, unknown>[] = []): string {
  const name = `u_${++counter}`;
  server.db.ensureCollection(name);
  if (docs.length) server.db.insertRaw(name, docs);
  return name;
}

async function failure(promise: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errCode?: number; errMsg?: string; code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

const STORED = { _id: 'd', s: 'text', n: 5, b: true, nul: null, arr: [1, 2], obj: { k: 'v' } };

beforeAll(async () => {
  server = await startDbOnlyServer();
  ({ db } = connectSdk(server.url));
  _ = db.command;
});
afterAll(() => server.stop());

describe('a single-document update that cannot apply fails and changes nothing', () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    ['inc on a string', () => ({ s: _.inc(1) }), 'Cannot apply $inc to a value of non-numeric type. {_id: "d"} has the field \'s\' of non-numeric type string'],
    ['inc on null', () => ({ nul: _.inc(1) }), "has the field 'nul' of non-numeric type null"],
    ['mul on a bool', () => ({ b: _.mul(2) }), 'Cannot apply $mul to a value of non-numeric type. {_id: "d"} has the field \'b\' of non-numeric type bool'],
    ['push on a string', () => ({ s: _.push(1) }), 'The field \'s\' must be an array but is of type string in document {_id: "d"}'],
    ['push on an object', () => ({ obj: _.push(1) }), "The field 'obj' must be an array but is of type object"],
    ['pop on a number', () => ({ n: _.pop() }), "Path 'n' contains an element of non-array type 'int'"],
    ['shift on a string', () => ({ s: _.shift() }), "Path 's' contains an element of non-array type 'string'"],
    ['pull on a string', () => ({ s: _.pull('t') }), 'Cannot apply $pull to a non-array value'],
    ['pullAll on null', () => ({ nul: _.pullAll([1]) }), 'Cannot apply $pullAll to a non-array value'],
    ['addToSet on a number', () => ({ n: _.addToSet(1) }), "Cannot apply $addToSet to non-array field. Field named 'n' has non-array type int"],
    ['a field inside a string', () => ({ 's.x': 1 }), 'Cannot create field \'x\' in element {s: "text"}'],
    ['a field inside a number (nested data)', () => ({ n: { x: 1 } }), "Cannot create field 'x' in element {n: 5}"],
    ['a field inside a bool', () => ({ 'b.x': _.inc(1) }), "Cannot create field 'x' in element {b: true}"],
    ['a field inside null', () => ({ 'nul.b': 1 }), "Cannot create field 'b' in element {nul: null}"],
    ['a non-index field inside an array', () => ({ 'arr.x': 1 }), "Cannot create field 'x' in element {arr: [ 1, 2 ]}"],
    ['renaming to an empty field name', () => ({ n: _.rename('') }), 'An empty update path is not valid.'],
    ['an empty nested field name', () => ({ obj: { '': 1 } }), "The update path 'obj.' contains an empty field name, which is not allowed."],
  ];

  it.each(cases)('%s', async (_label, data, message) => {
    const name = seed([STORED]);
    const error = await failure(db.collection(name).doc('d').update({ data: data() }));
    expect(error.errCode).toBe(-502001);
    expect(error.errMsg).toContain(message);
    expect((await db.collection(name).doc('d').get()).data).toEqual(STORED);
  });

  it('an empty top-level field name is refused by the SDK itself before it is sent', async () => {
    const name = seed([STORED]);
    const error = await failure(
      db
        .collection(name)
        .doc('d')
        .update({ data: { '': 1 } }),
    );
    expect(error.errMsg).toContain('unset field name');
    expect((await db.collection(name).doc('d').get()).data).toEqual(STORED);
  });

  it('a rename onto a path through a scalar fails instead of dropping the field', async () => {
    const name = seed([STORED]);
    const error = await failure(
      db
        .collection(name)
        .doc('d')
        .update({ data: { n: _.rename('s.x') } }),
    );
    expect(error.errCode).toBe(-502001);
    expect(error.errMsg).toContain('Cannot create field \'x\' in element {s: "text"}');
    expect((await db.collection(name).doc('d').get()).data).toEqual(STORED);
  });

  it('still applies where MongoDB does: missing fields are created, removing from non-arrays and missing paths is a no-op', async () => {
    const name = seed([STORED]);
    const doc = db.collection(name).doc('d');
    await doc.update({ data: { fresh: _.inc(2), list: _.push('x'), set: _.addToSet('y'), 'obj.deep.er': 1, 'arr.3': 9 } });
    expect((await doc.update({ data: { 's.x': _.remove(), gone: _.pop(), 'nul.b': _.remove() } })).stats.updated).toBe(0);
    expect((await doc.get()).data).toEqual({ ...STORED, fresh: 2, list: ['x'], set: ['y'], obj: { k: 'v', deep: { er: 1 } }, arr: [1, 2, null, 9] });
  });
});

describe('update-by-query fails at the first document the update cannot apply to (like MongoDB updateMany)', () => {
  it('documents before the bad one stay updated, the bad one and those after it are untouched', async () => {
    const name = seed([
      { _id: 'a', kind: 'x', n: 1 },
      { _id: 'b', kind: 'x', n: 'oops' },
      { _id: 'c', kind: 'x', n: 3 },
    ]);
    const error = await failure(
      db
        .collection(name)
        .where({ kind: 'x' })
        .update({ data: { n: _.inc(10) } }),
    );
    expect(error.errCode).toBe(-502001);
    expect(error.errMsg).toContain('{_id: "b"} has the field \'n\' of non-numeric type string');
    const all = await db.collection(name).orderBy('_id', 'asc').get();
    expect(all.data.map((d: { n: unknown }) => d.n)).toEqual([11, 'oops', 3]);
  });

  it('an update-by-query whose first match cannot take it writes nothing', async () => {
    const name = seed([
      { _id: 'a', tags: 'not-an-array' },
      { _id: 'b', tags: [] },
    ]);
    const error = await failure(
      db
        .collection(name)
        .where({ _id: _.exists(true) })
        .update({ data: { tags: _.push('t') } }),
    );
    expect(error.errCode).toBe(-502001);
    expect((await db.collection(name).orderBy('_id', 'asc').get()).data).toEqual([
      { _id: 'a', tags: 'not-an-array' },
      { _id: 'b', tags: [] },
    ]);
  });
});

describe('in a transaction', () => {
  it('the bad update fails; runTransaction rolls back the writes made before it', async () => {
    const name = seed([
      { _id: 'ok', n: 1 },
      { _id: 'bad', n: 'x' },
    ]);
    const error = await failure(
      db.runTransaction(async (transaction: AnyDb) => {
        await transaction
          .collection(name)
          .doc('ok')
          .update({ data: { n: _.inc(1) } });
        await transaction
          .collection(name)
          .doc('bad')
          .update({ data: { n: _.inc(1) } });
      }),
    );
    expect(String(error.errMsg ?? error.message)).toContain('Cannot apply $inc to a value of non-numeric type. {_id: "bad"} has the field \'n\'');
    expect((await db.collection(name).doc('ok').get()).data).toEqual({ _id: 'ok', n: 1 });
    expect((await db.collection(name).doc('bad').get()).data).toEqual({ _id: 'bad', n: 'x' });
    expect(server.db.openTransactions).toBe(0);
  });

  it('startTransaction: the refused update buffers nothing', async () => {
    const name = seed([{ _id: 't', s: 'text', list: [1] }]);
    const transaction = await db.startTransaction();
    const error = await failure(
      transaction
        .collection(name)
        .doc('t')
        .update({ data: { 's.deep': 1 } }),
    );
    expect(String(error.errMsg ?? error.message)).toContain('Cannot create field \'deep\' in element {s: "text"}');
    expect((await transaction.collection(name).doc('t').get()).data).toEqual({ _id: 't', s: 'text', list: [1] });
    await transaction.rollback();
    expect((await db.collection(name).doc('t').get()).data).toEqual({ _id: 't', s: 'text', list: [1] });
  });
});
