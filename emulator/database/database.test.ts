/** Unit tests of the database engine, calling DatabaseService.handle with SDK-shaped bodies. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseService } from './index';
import { parseEjson, stringifyEjson, toRegExp } from './ejson';
import { MAX_DOCUMENT_BYTES } from './validate';

// The exact EJSON codec the SDK uses (bson, a dependency of @cloudbase/database).
const bsonPath = require.resolve('bson', { paths: [dirname(require.resolve('@cloudbase/database/package.json'))] });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EJSON } = require(bsonPath) as { EJSON: { stringify(value: unknown, options: { relaxed: boolean }): string; parse(text: string): unknown } };

const ejson = (value: unknown) => EJSON.stringify(value, { relaxed: false });

describe('ejson', () => {
  it('decodes the canonical EJSON the SDK sends', () => {
    const text = ejson({ i: 1, d: 1.5, l: 3e9, at: new Date(5), list: [1, 'a', null], re: { $regularExpression: { pattern: '^a', options: 'i' } } });
    const value = parseEjson(text) as Record<string, unknown>;
    expect(value).toEqual({ i: 1, d: 1.5, l: 3e9, at: new Date(5), list: [1, 'a', null], re: /^a/i });
  });

  it('resolves db.serverDate() with its offset', () => {
    const value = parseEjson(ejson({ t: { $tcb_server_date: { offset: -1000 } } }), { now: 10_000 }) as { t: Date };
    expect(value.t).toEqual(new Date(9_000));
  });

  it('encodes replies that bson EJSON.parse reads back to the same values', () => {
    const doc = { _id: 'a', n: 1, x: 2.25, at: new Date(123), nested: { arr: [new Date(7), NaN, Infinity] }, oid: { $oid: '5f1d7a8b9c0d1e2f3a4b5c6d' } };
    const back = EJSON.parse(stringifyEjson(doc)) as Record<string, unknown>;
    expect(back._id).toBe('a');
    expect(back.n).toBe(1);
    expect(back.x).toBe(2.25);
    expect(back.at).toEqual(new Date(123));
    expect((back.nested as { arr: unknown[] }).arr).toEqual([new Date(7), NaN, Infinity]);
    expect(String(back.oid)).toBe('5f1d7a8b9c0d1e2f3a4b5c6d');
  });

  it('maps MongoDB regex options onto JS flags', () => {
    expect(toRegExp('a b # comment', 'xi').test('AB')).toBe(true);
  });
});

describe('DatabaseService', () => {
  let dir: string;
  let db: DatabaseService;
  const call = (body: Record<string, unknown>) => db.handle(body);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'db-unit-'));
    db = new DatabaseService({ file: join(dir, 'db.sqlite') });
    db.ensureCollection('c');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers unknown actions and missing collections with CloudBase-style errors', async () => {
    expect(await call({ action: 'database.nope' })).toMatchObject({ code: 'EMULATOR_UNSUPPORTED_ACTION' });
    expect(await call({ action: 'database.getDocument', collectionName: 'zzz', queryType: 'WHERE', limit: 100 })).toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
    });
    expect(await call({ action: 'database.addCollection', collectionName: 'c' })).toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
  });

  it('refuses documents over 16MB and documents nested deeper than 100 levels', () => {
    expect(() => db.insertRaw('c', [{ _id: 'big', blob: 'x'.repeat(MAX_DOCUMENT_BYTES) }])).toThrow(/maximum document size/);
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 101; i += 1) deep = { d: deep };
    expect(() => db.insertRaw('c', [{ _id: 'deep', ...deep }])).toThrow(/nesting depth/);
    expect(() => db.insertRaw('c', [{ _id: ['array'] as unknown as string }])).toThrow(/_id must be/);
    expect(db.readAll('c')).toEqual([]);
  });

  it('upserts with operators from the query equality fields (modifyDocument upsert)', async () => {
    const reply = await call({
      action: 'database.modifyDocument',
      collectionName: 'c',
      queryType: 'WHERE',
      query: ejson({ sku: 'A1' }),
      data: ejson({ $inc: { qty: 2 } }),
      multi: false,
      merge: true,
      upsert: true,
    });
    expect(reply).toMatchObject({ data: { updated: 0, upsert_id: expect.any(String) } });
    expect(db.readAll('c')).toEqual([{ _id: (reply.data as { upsert_id: string }).upsert_id, sku: 'A1', qty: 2 }]);
  });

  it('refuses update paths MongoDB refuses (empty field names), whichever action carries them', async () => {
    db.insertRaw('c', [{ _id: 'a', n: 1, s: 'x' }]);
    const modify = (data: Record<string, unknown>) =>
      call({
        action: 'database.modifyDocument',
        collectionName: 'c',
        queryType: 'DOC',
        query: ejson({ _id: 'a' }),
        data: ejson(data),
        multi: false,
        merge: true,
      });
    expect(await modify({ $set: { '': 1 } })).toEqual({ code: 'DATABASE_REQUEST_FAILED', message: '[FailedOperation] An empty update path is not valid.' });
    expect(await modify({ $unset: { 'a..b': '' } })).toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringContaining("'a..b' contains an empty field name"),
    });
    expect(
      await call({
        action: 'database.modifyAndReturnDoc',
        collectionName: 'c',
        queryType: 'WHERE',
        query: ejson({ _id: 'a' }),
        data: ejson({ $inc: { s: 1 } }),
      }),
    ).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('Cannot apply $inc to a value of non-numeric type') });
    const { transactionId } = (await call({ action: 'database.startTransaction' })) as { transactionId: string };
    expect(
      await call({ action: 'database.updateDocInTransaction', collectionName: 'c', transactionId, _id: 'a', data: ejson({ $push: { n: 1 } }) }),
    ).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining("The field 'n' must be an array") });
    expect(await call({ action: 'database.commitTransaction', transactionId })).toEqual({});
    expect(db.readAll('c')).toEqual([{ _id: 'a', n: 1, s: 'x' }]);
  });

  it('modifyAndReturnDoc updates the first match and returns it', async () => {
    db.insertRaw('c', [{ _id: 'a', n: 1 }]);
    const reply = await call({
      action: 'database.modifyAndReturnDoc',
      collectionName: 'c',
      queryType: 'WHERE',
      query: ejson({ n: 1 }),
      data: ejson({ $inc: { n: 1 } }),
    });
    expect(reply.data).toMatchObject({ updated: 1 });
    expect(EJSON.parse((reply.data as { doc: string }).doc)).toEqual({ _id: 'a', n: 2 });
  });

  it('supports the legacy in-transaction actions', async () => {
    db.insertRaw('c', [{ _id: 'a', n: 1 }]);
    const { transactionId } = (await call({ action: 'database.startTransaction' })) as { transactionId: string };
    expect(EJSON.parse((await call({ action: 'database.getInTransaction', collectionName: 'c', transactionId, _id: 'a' })).data as string)).toEqual({
      _id: 'a',
      n: 1,
    });
    expect(await call({ action: 'database.updateDocInTransaction', collectionName: 'c', transactionId, _id: 'a', data: ejson({ $set: { n: 5 } }) })).toEqual({
      updated: '1',
    });
    expect(
      await call({ action: 'database.updateDocInTransaction', collectionName: 'c', transactionId, _id: 'b', data: ejson({ m: 1 }), upsert: true }),
    ).toEqual({
      updated: '0',
      upserted: JSON.stringify([{ _id: 'b' }]),
    });
    expect(await call({ action: 'database.deleteDocInTransaction', collectionName: 'c', transactionId, _id: 'a' })).toEqual({ deleted: '1' });
    expect(await call({ action: 'database.commitTransaction', transactionId })).toEqual({});
    expect(db.readAll('c')).toEqual([{ _id: 'b', m: 1 }]);
    expect(await call({ action: 'database.commitTransaction', transactionId })).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  });

  it('counts requests by action and resets', async () => {
    await call({ action: 'database.calculateDocument', collectionName: 'c', queryType: 'WHERE' });
    await call({ action: 'database.calculateDocument', collectionName: 'c', queryType: 'WHERE' });
    await call({ action: 'database.startTransaction' });
    expect(db.getStats()).toEqual({ 'database.calculateDocument': 2, 'database.startTransaction': 1 });
    db.resetStats();
    expect(db.getStats()).toEqual({});
  });

  it('keeps data across reopen, and works on :memory:', async () => {
    db.insertRaw('c', [{ _id: 'kept', at: new Date(42) }]);
    db.close();
    db = new DatabaseService({ file: join(dir, 'db.sqlite') });
    expect(db.readAll('c')).toEqual([{ _id: 'kept', at: new Date(42) }]);
    const memory = new DatabaseService({ file: ':memory:' });
    try {
      memory.ensureCollection('m');
      memory.insertRaw('m', [{ _id: 1 }]);
      const { transactionId } = (await memory.handle({ action: 'database.startTransaction' })) as { transactionId: string };
      expect(await memory.handle({ action: 'database.getDocument', collectionName: 'm', queryType: 'DOC', query: ejson({ _id: 1 }), transactionId })).toEqual({
        data: { list: ['{"_id":1}'] },
      });
    } finally {
      memory.close();
    }
  });
});
