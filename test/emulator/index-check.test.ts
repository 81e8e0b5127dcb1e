import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

/**
 * The emulator's index check: a query a function makes on a large collection that no declared
 * index serves is reported — and under tests (mode fail) fails — the way a production database
 * would slow down on it. Collections and indexes are made as the bootstrap makes them.
 */
const fixtures = join(__dirname, 'fixtures', 'index-check');
type Reply = { ok: boolean; count?: number; message?: string };

function declare(emulator: TestEmulator) {
  emulator.db.createManagedCollection('things');
  emulator.db.markGrowing('things', true);
  emulator.db.updateIndexes(
    'things',
    [
      {
        name: 'storeId_createdAt',
        keys: [
          ['storeId', 1],
          ['createdAt', -1],
        ],
        unique: false,
      },
    ],
    [],
  );
  emulator.db.insertRaw(
    'things',
    Array.from({ length: 5 }, (_, i) => ({ _id: `t${i}`, storeId: i % 2 ? 's1' : 's2', color: i % 2 ? 'red' : 'blue', createdAt: new Date(2026, 0, i + 1) })),
  );
}

describe('index check (mode fail, growing collections at every size: what tests run under)', () => {
  let emulator: TestEmulator;
  const query = (data: Record<string, unknown>) => emulator.call<Reply>('querier', { collection: 'things', ...data });

  beforeAll(async () => {
    emulator = await startTestEmulator({ functionsRoot: fixtures, dataDir: mkdtempSync(join(tmpdir(), 'emu-idx-')) });
    declare(emulator);
  });
  afterAll(() => emulator.stop());

  it('lets through queries an index serves: its first field, _id, or an unfiltered natural read', async () => {
    expect(await query({ where: { storeId: 's1' } })).toEqual({ ok: true, count: 2 });
    expect(await query({ where: { storeId: 's1', color: 'red' }, orderBy: 'createdAt' })).toEqual({ ok: true, count: 2 });
    expect(await query({ where: { _id: 't1', color: 'red' } })).toEqual({ ok: true, count: 1 });
    expect(await query({ where: {} })).toEqual({ ok: true, count: 5 });
  });

  it('fails a query no index serves, naming the collection and its fields', async () => {
    const reply = await query({ where: { color: 'red' } });
    expect(reply.ok).toBe(false);
    expect(reply.message).toContain('[INDEX_MISSING] 集合 things');
    expect(reply.message).toContain('条件字段 color');
    // a second field of a compound index does not serve on its own (MongoDB's prefix rule)
    expect((await query({ where: { createdAt: new Date(2026, 0, 1) } })).ok).toBe(false);
    // an unfiltered sort needs an index starting with the sort field
    expect((await query({ orderBy: 'color' })).ok).toBe(false);
    // $or: every branch must be served
    expect((await query({ or: [{ storeId: 's1' }, { color: 'blue' }] })).ok).toBe(false);
    expect((await query({ or: [{ storeId: 's1' }, { storeId: 's2' }] })).ok).toBe(true);
    expect(emulator.db.unindexedQueries().map((q) => q.filterFields.join('+'))).toEqual(['color', 'createdAt', '', 'storeId+color']);
  });

  it('does not check undeclared collections, nor small ones not declared growing', async () => {
    emulator.db.insertRaw('scratch', [{ _id: 'x', color: 'red' }]);
    expect((await emulator.call<Reply>('querier', { collection: 'scratch', where: { color: 'red' } })).ok).toBe(true);
    emulator.db.createManagedCollection('settings');
    emulator.db.insertRaw('settings', [{ _id: 'x', color: 'red' }]);
    expect((await emulator.call<Reply>('querier', { collection: 'settings', where: { color: 'red' } })).ok).toBe(true);
  });
});

describe('index check (mode report, production threshold)', () => {
  let emulator: TestEmulator;
  const query = (data: Record<string, unknown>) => emulator.call<Reply>('querier', { collection: 'things', ...data });

  beforeAll(async () => {
    emulator = await startTestEmulator({
      functionsRoot: fixtures,
      dataDir: mkdtempSync(join(tmpdir(), 'emu-idx-')),
      indexCheck: { mode: 'report', minDocuments: 10, growingMinDocuments: 10 },
    });
    declare(emulator);
  });
  afterAll(() => emulator.stop());

  it('ignores small collections, then reports (without failing) once the collection is large', async () => {
    expect(await query({ where: { color: 'red' } })).toEqual({ ok: true, count: 2 });
    expect(emulator.db.unindexedQueries()).toEqual([]);
    emulator.db.insertRaw(
      'things',
      Array.from({ length: 10 }, (_, i) => ({ _id: `u${i}`, storeId: 's3', color: 'red' })),
    );
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect((await query({ where: { color: 'red' } })).ok).toBe(true);
    warn.mockRestore();
    expect(emulator.db.unindexedQueries()).toEqual([expect.objectContaining({ collection: 'things', filterFields: ['color'], documents: 15 })]);
  });
});
