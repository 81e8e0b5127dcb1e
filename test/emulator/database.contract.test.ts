/**
 * Database contract: the real wx-server-sdk, over HTTP, against the emulator's database.
 * Each test seeds its own collection, so tests are independent of order.
 */
import type { TestEmulator } from '../helpers/emulator';
import { startDatabaseEmulator } from './support/database-target';
import { connectSdk, type AnyDb } from './support/sdk';

let emulator: TestEmulator;
let db: AnyDb;
let _: AnyDb;
let counter = 0;

/** A fresh, created collection with the given documents. */
function seed(docs: Record<string, unknown>[] = [], prefix = 'c'): string {
  const name = `${prefix}_${++counter}`;
  emulator.db.ensureCollection(name);
  if (docs.length) emulator.db.insertRaw(name, docs);
  return name;
}

async function failure(promise: Promise<unknown>): Promise<{ errCode: number; errMsg: string; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errCode: number; errMsg: string; message: string };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  emulator = await startDatabaseEmulator();
  ({ db } = connectSdk(emulator.url));
  _ = db.command;
});
afterAll(() => emulator.stop());

describe('documents', () => {
  it('adds one document and reads it back with doc().get()', async () => {
    const name = seed();
    const when = new Date('2024-05-01T08:30:00.123Z');
    const added = await db.collection(name).add({ data: { title: '番茄炒蛋', price: 12.5, when, tags: ['a'], nested: { x: { y: 1 } }, nothing: null } });
    expect(added).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' });
    const got = await db.collection(name).doc(added._id).get();
    expect(got.errMsg).toBe('document.get:ok');
    expect(got.data).toEqual({ _id: added._id, title: '番茄炒蛋', price: 12.5, when, tags: ['a'], nested: { x: { y: 1 } }, nothing: null });
    expect(Object.prototype.toString.call(got.data.when)).toBe('[object Date]');
    expect(got.data.when.getTime()).toBe(when.getTime());
  });

  it('adds many documents at once and honours a given _id', async () => {
    const name = seed();
    const added = await db.collection(name).add({ data: [{ _id: 'x1', n: 1 }, { n: 2 }] });
    expect(added.errMsg).toBe('collection.add:ok');
    expect(added._ids).toHaveLength(2);
    expect(added._ids[0]).toBe('x1');
    expect((await db.collection(name).count()).total).toBe(2);
    const numeric = await db.collection(name).add({ data: { _id: 7, n: 7 } });
    expect(numeric._id).toBe(7);
    expect((await db.collection(name).doc(7).get()).data).toEqual({ _id: 7, n: 7 });
  });

  it('refuses a duplicate _id like MongoDB (E11000)', async () => {
    const name = seed([{ _id: 'dup', n: 1 }]);
    const error = await failure(db.collection(name).add({ data: { _id: 'dup', n: 2 } }));
    expect(error.errCode).toBe(-502001);
    expect(error.errMsg).toContain('E11000 duplicate key error');
    expect((await db.collection(name).doc('dup').get()).data.n).toBe(1);
  });

  it('doc().get() of a missing document rejects (throwOnNotFound) like the SDK', async () => {
    const name = seed();
    const error = await failure(db.collection(name).doc('missing').get());
    expect(error.errMsg).toContain('document with _id missing does not exist');
  });

  it('doc().set() creates, then replaces the whole document', async () => {
    const name = seed();
    const created = await db
      .collection(name)
      .doc('s1')
      .set({ data: { a: 1, b: { c: 2 } } });
    expect(created).toEqual({ _id: 's1', errMsg: 'document.set:ok', stats: { updated: 0, created: 1 } });
    const replaced = await db
      .collection(name)
      .doc('s1')
      .set({ data: { z: true } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection(name).doc('s1').get()).data).toEqual({ _id: 's1', z: true });
  });

  it('doc().update() merges nested objects field by field and reports updated', async () => {
    const name = seed([{ _id: 'u1', profile: { name: 'a', age: 1 }, keep: 1 }]);
    const result = await db
      .collection(name)
      .doc('u1')
      .update({ data: { profile: { age: 2 }, extra: 'x' } });
    expect(result).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect((await db.collection(name).doc('u1').get()).data).toEqual({ _id: 'u1', profile: { name: 'a', age: 2 }, keep: 1, extra: 'x' });
    const same = await db
      .collection(name)
      .doc('u1')
      .update({ data: { keep: 1 } });
    expect(same.stats.updated).toBe(0);
    const missing = await db
      .collection(name)
      .doc('nope')
      .update({ data: { keep: 2 } });
    expect(missing.stats.updated).toBe(0);
  });

  it('doc().remove() deletes one document', async () => {
    const name = seed([{ _id: 'r1' }, { _id: 'r2' }]);
    expect(await db.collection(name).doc('r1').remove()).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' });
    expect((await db.collection(name).doc('r1').remove()).stats.removed).toBe(0);
    expect((await db.collection(name).count()).total).toBe(1);
  });

  it('where().update() and where().remove() act on every match', async () => {
    const name = seed([
      { _id: 'a', kind: 'x', n: 1 },
      { _id: 'b', kind: 'x', n: 2 },
      { _id: 'c', kind: 'y', n: 3 },
    ]);
    const updated = await db
      .collection(name)
      .where({ kind: 'x' })
      .update({ data: { n: _.inc(10) } });
    expect(updated).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' });
    const all = await db.collection(name).orderBy('_id', 'asc').get();
    expect(all.data.map((d: { n: number }) => d.n)).toEqual([11, 12, 3]);
    const removed = await db
      .collection(name)
      .where({ n: _.gt(10) })
      .remove();
    expect(removed).toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' });
    expect((await db.collection(name).get()).data).toEqual([{ _id: 'c', kind: 'y', n: 3 }]);
  });

  it('stores GeoPoints as GeoJSON and hands them back as db.Geo.Point', async () => {
    const name = seed();
    const added = await db.collection(name).add({ data: { loc: db.Geo.Point(113.32, 23.12) } });
    const { data } = await db.collection(name).doc(added._id).get();
    expect(data.loc.longitude).toBe(113.32);
    expect(data.loc.latitude).toBe(23.12);
    expect(emulator.db.readAll(name)[0].loc).toEqual({ type: 'Point', coordinates: [113.32, 23.12] });
  });

  it('keeps dates as dates through where, update and orderBy', async () => {
    const name = seed([
      { _id: 'old', at: new Date('2020-01-01T00:00:00Z') },
      { _id: 'new', at: new Date('2025-01-01T00:00:00Z') },
    ]);
    const after = await db
      .collection(name)
      .where({ at: _.gt(new Date('2022-01-01T00:00:00Z')) })
      .get();
    expect(after.data.map((d: { _id: string }) => d._id)).toEqual(['new']);
    await db
      .collection(name)
      .doc('old')
      .update({ data: { at: new Date('2030-06-01T00:00:00Z') } });
    const sorted = await db.collection(name).orderBy('at', 'desc').get();
    expect(sorted.data[0]).toEqual({ _id: 'old', at: new Date('2030-06-01T00:00:00Z') });
  });
});

describe('where: every db.command query operator', () => {
  let name: string;
  const ids = async (query: unknown) => ((await db.collection(name).where(query).orderBy('_id', 'asc').get()).data as { _id: string }[]).map((d) => d._id);

  beforeAll(() => {
    name = seed([
      {
        _id: 'a',
        n: 1,
        s: 'apple',
        tags: ['x', 'y'],
        o: { p: { q: 1 } },
        items: [
          { k: 1, v: 'a' },
          { k: 2, v: 'b' },
        ],
      },
      { _id: 'b', n: 2, s: 'Banana', tags: ['y'], o: { p: { q: 2 } }, items: [{ k: 3, v: 'c' }], opt: true },
      { _id: 'c', n: 3, s: 'cherry', tags: ['x', 'y', 'z'], o: { p: { q: 3 } }, items: [] },
      { _id: 'd', n: 4, s: 'date', tags: [], o: { p: {} }, opt: null },
    ]);
  });

  it('eq / neq / gt / gte / lt / lte', async () => {
    expect(await ids({ n: _.eq(2) })).toEqual(['b']);
    expect(await ids({ n: _.neq(2) })).toEqual(['a', 'c', 'd']);
    expect(await ids({ n: _.gt(2) })).toEqual(['c', 'd']);
    expect(await ids({ n: _.gte(2) })).toEqual(['b', 'c', 'd']);
    expect(await ids({ n: _.lt(2) })).toEqual(['a']);
    expect(await ids({ n: _.lte(2) })).toEqual(['a', 'b']);
    expect(await ids({ n: _.gt(1).and(_.lt(4)) })).toEqual(['b', 'c']);
  });

  it('in / nin / all / size / elemMatch / exists / mod', async () => {
    expect(await ids({ n: _.in([1, 3]) })).toEqual(['a', 'c']);
    expect(await ids({ n: _.nin([1, 3]) })).toEqual(['b', 'd']);
    expect(await ids({ tags: _.all(['x', 'y']) })).toEqual(['a', 'c']);
    expect(await ids({ tags: _.size(1) })).toEqual(['b']);
    expect(await ids({ items: _.elemMatch({ k: _.gte(2), v: 'b' }) })).toEqual(['a']);
    expect(await ids({ opt: _.exists(true) })).toEqual(['b', 'd']);
    expect(await ids({ opt: _.exists(false) })).toEqual(['a', 'c']);
    expect(await ids({ n: _.mod([2, 0]) })).toEqual(['b', 'd']);
    expect(await ids({ tags: 'z' })).toEqual(['c']);
  });

  it('and / or / nor / not, at the top and on a field', async () => {
    expect(await ids(_.or([{ n: 1 }, { s: 'date' }]))).toEqual(['a', 'd']);
    expect(await ids(_.and([{ n: _.gt(1) }, { tags: 'x' }]))).toEqual(['c']);
    expect(await ids(_.nor([{ n: 1 }, { n: 2 }]))).toEqual(['c', 'd']);
    expect(await ids({ n: _.not(_.gt(2)) })).toEqual(['a', 'b']);
    expect(await ids({ n: _.lt(2).or(_.gt(3)) })).toEqual(['a', 'd']);
    expect(await ids({ n: _.or(_.eq(2), _.eq(3)), tags: 'x' })).toEqual(['c']);
  });

  it('nested paths as dot strings and as nested objects', async () => {
    expect(await ids({ 'o.p.q': 2 })).toEqual(['b']);
    expect(await ids({ o: { p: { q: _.gte(2) } } })).toEqual(['b', 'c']);
    expect(await ids({ 'items.k': 3 })).toEqual(['b']);
    expect(await ids({ 'items.0.v': 'a' })).toEqual(['a']);
  });

  it('_.expr with aggregation expressions', async () => {
    const $ = _.aggregate;
    expect(await ids(_.expr($.gt(['$n', $.size('$tags')])))).toEqual(['b', 'd']);
  });

  it('db.RegExp and JS regular expressions', async () => {
    expect(await ids({ s: db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['b']);
    expect(await ids({ s: db.RegExp({ regexp: 'an' }) })).toEqual(['b']);
    expect(await ids({ s: /^[ac]/ })).toEqual(['a', 'c']);
    expect(await ids({ s: _.not(/e/) })).toEqual(['b']);
  });
});

describe('reading: orderBy, skip, limit, field, count and the 100-record cap', () => {
  it('sorts by several fields, skips and limits', async () => {
    const name = seed([
      { _id: '1', g: 'b', n: 1 },
      { _id: '2', g: 'a', n: 2 },
      { _id: '3', g: 'b', n: 3 },
      { _id: '4', g: 'a', n: 4 },
    ]);
    const sorted = await db.collection(name).orderBy('g', 'asc').orderBy('n', 'desc').get();
    expect(sorted.data.map((d: { _id: string }) => d._id)).toEqual(['4', '2', '3', '1']);
    const page = await db.collection(name).orderBy('n', 'asc').skip(1).limit(2).get();
    expect(page.data.map((d: { _id: string }) => d._id)).toEqual(['2', '3']);
  });

  it('projects fields with field()', async () => {
    const name = seed([{ _id: 'p', a: 1, b: { c: 2, d: 3 }, e: [1, 2, 3] }]);
    expect((await db.collection(name).field({ a: true }).get()).data).toEqual([{ _id: 'p', a: 1 }]);
    expect((await db.collection(name).field({ 'b.c': true, _id: false }).get()).data).toEqual([{ b: { c: 2 } }]);
    expect((await db.collection(name).field({ b: false, e: false }).get()).data).toEqual([{ _id: 'p', a: 1 }]);
    expect((await db.collection(name).doc('p').field({ a: true }).get()).data).toEqual({ _id: 'p', a: 1 });
    expect(
      (
        await db
          .collection(name)
          .field({ e: _.project.slice(2) })
          .get()
      ).data[0].e,
    ).toEqual([1, 2]);
  });

  it('counts with and without a condition', async () => {
    const name = seed([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await db.collection(name).count()).toEqual({ total: 3, errMsg: 'collection.count:ok' });
    expect(
      (
        await db
          .collection(name)
          .where({ n: _.gte(2) })
          .count()
      ).total,
    ).toBe(2);
  });

  it('a get of 101 seeded records returns 100', async () => {
    const name = seed(Array.from({ length: 101 }, (_unused, i) => ({ i })));
    const result = await db.collection(name).get();
    expect(result.data).toHaveLength(100);
    expect((await db.collection(name).count()).total).toBe(101);
  });

  it('caps limit() above 100 at 100 without an error, and pages with skip()', async () => {
    const name = seed(Array.from({ length: 150 }, (_unused, i) => ({ i })));
    expect((await db.collection(name).limit(1000).get()).data).toHaveLength(100);
    expect((await db.collection(name).limit(5).get()).data).toHaveLength(5);
    const rest = await db.collection(name).orderBy('i', 'asc').skip(100).limit(100).get();
    expect(rest.data).toHaveLength(50);
    expect(rest.data[0].i).toBe(100);
  });
});

describe('update operators', () => {
  it('set / inc / mul / remove / rename / min / max', async () => {
    const name = seed([{ _id: 'o', a: { b: 1, c: 2 }, n: 5, m: 2, gone: 1, old: 'v', lo: 5, hi: 5 }]);
    await db
      .collection(name)
      .doc('o')
      .update({
        data: { a: _.set({ z: 9 }), n: _.inc(-2), m: _.mul(3), gone: _.remove(), old: _.rename('renamed'), lo: _.min(1), hi: _.max(9) },
      });
    expect((await db.collection(name).doc('o').get()).data).toEqual({ _id: 'o', a: { z: 9 }, n: 3, m: 6, renamed: 'v', lo: 1, hi: 9 });
  });

  it('push (values, array, each/position/slice/sort), pop, shift, unshift', async () => {
    const name = seed([{ _id: 'p', a: [1], b: [5, 1], c: [1, 2, 3], d: [1, 2, 3], e: [3] }]);
    const doc = db.collection(name).doc('p');
    await doc.update({ data: { a: _.push(2, 3) } });
    await doc.update({ data: { a: _.push([4]) } });
    await doc.update({ data: { b: _.push({ each: [9, 0], position: 1, slice: 3 }) } });
    await doc.update({ data: { e: _.push({ each: [1, 2], sort: 1 }) } });
    await doc.update({ data: { c: _.pop(), d: _.shift() } });
    await doc.update({ data: { d: _.unshift(0, 1) } });
    expect((await doc.get()).data).toEqual({ _id: 'p', a: [1, 2, 3, 4], b: [5, 9, 0], c: [1, 2], d: [0, 1, 2, 3], e: [1, 2, 3] });
  });

  it('pull (value and condition), pullAll, addToSet (value and each)', async () => {
    const name = seed([{ _id: 'q', a: [1, 2, 3, 2], b: [1, 5, 9], c: [1, 2, 3], s: ['x'], o: [{ k: 1 }, { k: 2 }] }]);
    const doc = db.collection(name).doc('q');
    await doc.update({ data: { a: _.pull(2), b: _.pull(_.gt(4)), c: _.pullAll([1, 3]), o: _.pull({ k: 2 }) } });
    await doc.update({ data: { s: _.addToSet('x') } });
    await doc.update({ data: { s: _.addToSet({ each: ['y', 'x', 'z'] }) } });
    expect((await doc.get()).data).toEqual({ _id: 'q', a: [1, 3], b: [1], c: [2], s: ['x', 'y', 'z'], o: [{ k: 1 }] });
  });

  it('db.serverDate() (with offset) is resolved on the server at write time', async () => {
    const name = seed();
    const before = Date.now();
    const added = await db.collection(name).add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
    const after = Date.now();
    const { data } = await db.collection(name).doc(added._id).get();
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.at.getTime()).toBeLessThanOrEqual(after);
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
    await db
      .collection(name)
      .doc(added._id)
      .update({ data: { touched: db.serverDate() } });
    expect(Object.prototype.toString.call((await db.collection(name).doc(added._id).get()).data.touched)).toBe('[object Date]');
    expect(
      (
        await db
          .collection(name)
          .where({ at: _.lte(db.serverDate()) })
          .count()
      ).total,
    ).toBe(1);
  });

  it('updates the matched array element with the positional $ operator', async () => {
    const name = seed([
      {
        _id: 'o',
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 1 },
        ],
      },
    ]);
    await db
      .collection(name)
      .where({ _id: 'o', 'items.sku': 'b' })
      .update({ data: { 'items.$.qty': _.inc(2) } });
    expect((await db.collection(name).doc('o').get()).data.items).toEqual([
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 3 },
    ]);
  });

  it('concurrent atomic increments are all applied', async () => {
    const name = seed([{ _id: 'n', v: 0 }]);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db
          .collection(name)
          .doc('n')
          .update({ data: { v: _.inc(1) } }),
      ),
    );
    expect((await db.collection(name).doc('n').get()).data.v).toBe(20);
  });

  it('rejects conflicting update paths like MongoDB', async () => {
    const name = seed([{ _id: 'k', a: [1] }]);
    const error = await failure(
      db
        .collection(name)
        .doc('k')
        .update({ data: { a: _.push(2), 'a.0': 5 } }),
    );
    expect(error.errCode).toBe(-502001);
  });
});

describe('aggregate', () => {
  let name: string;
  let authors: string;

  beforeAll(() => {
    authors = seed([
      { _id: 'au1', name: 'Ann' },
      { _id: 'au2', name: 'Bob' },
    ]);
    name = seed([
      { _id: 'b1', category: 'web', sales: 10, author: 'au1', tags: ['js', 'css'] },
      { _id: 'b2', category: 'web', sales: 30, author: 'au2', tags: ['js'] },
      { _id: 'b3', category: 'db', sales: 20, author: 'au1', tags: ['sql'] },
    ]);
  });

  it('match + group with every accumulator, sort', async () => {
    const $ = _.aggregate;
    const result = await db
      .collection(name)
      .aggregate()
      .match({ sales: _.gte(10) })
      .group({
        _id: '$category',
        total: $.sum('$sales'),
        avg: $.avg('$sales'),
        min: $.min('$sales'),
        max: $.max('$sales'),
        count: $.sum(1),
        first: $.first('$_id'),
        last: $.last('$_id'),
        ids: $.push('$_id'),
        authors: $.addToSet('$author'),
      })
      .sort({ _id: 1 })
      .end();
    expect(result.errMsg).toBe('collection.aggregate:ok');
    expect(result.list).toEqual([
      { _id: 'db', total: 20, avg: 20, min: 20, max: 20, count: 1, first: 'b3', last: 'b3', ids: ['b3'], authors: ['au1'] },
      {
        _id: 'web',
        total: 40,
        avg: 20,
        min: 10,
        max: 30,
        count: 2,
        first: 'b1',
        last: 'b2',
        ids: ['b1', 'b2'],
        authors: expect.arrayContaining(['au1', 'au2']),
      },
    ]);
  });

  it('project, addFields, skip, limit, count', async () => {
    const $ = _.aggregate;
    const projected = await db
      .collection(name)
      .aggregate()
      .sort({ sales: -1 })
      .project({ _id: 0, sales: 1 })
      .addFields({ double: $.multiply(['$sales', 2]) })
      .skip(1)
      .limit(1)
      .end();
    expect(projected.list).toEqual([{ sales: 20, double: 40 }]);
    const counted = await db.collection(name).aggregate().match({ category: 'web' }).count('n').end();
    expect(counted.list).toEqual([{ n: 2 }]);
  });

  it('unwind, sortByCount, sample, replaceRoot, lookup', async () => {
    const unwound = await db.collection(name).aggregate().unwind('$tags').sortByCount('$tags').end();
    expect(unwound.list[0]).toEqual({ _id: 'js', count: 2 });
    expect(unwound.list).toHaveLength(3);
    const sampled = await db.collection(name).aggregate().sample({ size: 2 }).end();
    expect(sampled.list).toHaveLength(2);
    const roots = await db
      .collection(name)
      .aggregate()
      .match({ _id: 'b1' })
      .replaceRoot({ newRoot: { c: '$category' } })
      .end();
    expect(roots.list).toEqual([{ c: 'web' }]);
    const joined = await db
      .collection(name)
      .aggregate()
      .match({ _id: 'b2' })
      .lookup({ from: authors, localField: 'author', foreignField: '_id', as: 'writer' })
      .end();
    expect(joined.list[0].writer).toEqual([{ _id: 'au2', name: 'Bob' }]);
  });

  it('returns at most 20 results when the pipeline has no limit stage, like CloudBase', async () => {
    const many = seed(Array.from({ length: 30 }, (_unused, i) => ({ i })));
    expect((await db.collection(many).aggregate().match({}).end()).list).toHaveLength(20);
    expect((await db.collection(many).aggregate().match({}).limit(100).end()).list).toHaveLength(30);
  });
});

describe('collections and CloudBase limits', () => {
  it('createCollection creates once, then fails like CloudBase', async () => {
    const name = `created_${Date.now()}`;
    expect(await db.createCollection(name)).toEqual({ errMsg: 'createCollection:ok', requestId: expect.any(String) });
    await db.collection(name).add({ data: { ok: true } });
    const error = await failure(db.createCollection(name));
    expect(error.errMsg).toContain('createCollection:fail');
    expect(error.errMsg).toContain('Table exist');
  });

  it('writing to or reading from a never-created collection fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    const missing = db.collection('never_created');
    for (const attempt of [
      missing.add({ data: { a: 1 } }),
      missing.get(),
      missing.doc('x').set({ data: { a: 1 } }),
      missing.doc('x').update({ data: { a: 1 } }),
      missing.where({ a: 1 }).remove(),
      missing.count(),
    ]) {
      const error = await failure(attempt);
      expect(error.errCode).toBe(-502005);
      expect(error.errMsg).toContain('Db or Table not exist');
    }
    // wx-server-sdk's aggregate wrapper does not map the code: errCode -1, same message.
    const aggregateError = await failure(missing.aggregate().match({}).end());
    expect(aggregateError.errCode).toBe(-1);
    expect(aggregateError.errMsg).toContain('Db or Table not exist');
    expect(emulator.db.listCollections()).not.toContain('never_created');
  });

  it('refuses $-prefixed and dotted field names, and _id changes', async () => {
    const name = seed([{ _id: 'f', a: 1 }]);
    expect((await failure(db.collection(name).add({ data: { $bad: 1 } }))).errMsg).toContain('is not valid for storage');
    expect((await failure(db.collection(name).add({ data: { nested: { 'a.b': 1 } } }))).errMsg).toContain('is not valid for storage');
    expect(
      (
        await failure(
          db
            .collection(name)
            .doc('f')
            .update({ data: { x: { $y: 1 } } }),
        )
      ).errCode,
    ).toBeLessThan(0);
    expect((await db.collection(name).doc('f').get()).data).toEqual({ _id: 'f', a: 1 });
  });

  it('counts handled requests by action', async () => {
    const name = seed([{ _id: 'm' }]);
    emulator.db.resetStats();
    await db.collection(name).doc('m').get();
    await db.collection(name).where({}).get();
    await db.collection(name).count();
    expect(emulator.db.getStats()).toEqual({ 'database.getDocument': 2, 'database.calculateDocument': 1 });
  });
});
