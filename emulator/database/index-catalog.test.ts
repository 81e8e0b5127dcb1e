import { filterFieldsOf, queryIsServed, type CatalogIndex } from './index-catalog';

const idx = (name: string, ...keys: string[]): CatalogIndex => ({ name, keys: keys.map((k) => [k, 1] as [string, 1]), unique: false });

describe('queryIsServed (the planner rule of the index check)', () => {
  const indexes = [idx('openid_createdAt', 'openid', 'createdAt'), idx('status', 'status')];

  it('serves filters on an index’s first field or _id, with other fields beside it', () => {
    expect(queryIsServed({ openid: 'o1' }, { createdAt: -1 }, indexes)).toBe(true);
    expect(queryIsServed({ openid: { $in: ['a', 'b'] }, amount: { $gt: 1 } }, undefined, indexes)).toBe(true);
    expect(queryIsServed({ _id: 'x', color: 'red' }, undefined, [])).toBe(true);
    expect(queryIsServed({ $and: [{ status: 'paid' }, { color: 'red' }] }, undefined, indexes)).toBe(true);
    expect(queryIsServed({ a: { b: 1 } }, undefined, [idx('a.b', 'a.b')])).toBe(true);
  });

  it('does not serve a later key alone, negations, or an $or with an unserved branch', () => {
    expect(queryIsServed({ createdAt: { $gt: 1 } }, undefined, indexes)).toBe(false);
    expect(queryIsServed({ status: { $ne: 'paid' } }, undefined, indexes)).toBe(false);
    expect(queryIsServed({ $or: [{ status: 'a' }, { color: 'b' }] }, undefined, indexes)).toBe(false);
    expect(queryIsServed({ $or: [{ status: 'a' }, { openid: 'b' }] }, undefined, indexes)).toBe(true);
  });

  it('needs nothing for an unfiltered natural read, an index for an unfiltered sort', () => {
    expect(queryIsServed({}, undefined, [])).toBe(true);
    expect(queryIsServed(undefined, { _id: 1 }, [])).toBe(true);
    expect(queryIsServed({}, { status: 1 }, indexes)).toBe(true);
    expect(queryIsServed({}, { createdAt: -1 }, indexes)).toBe(false);
  });

  it('names the filter fields of a query, branches included', () => {
    expect(filterFieldsOf({ color: 'red', $or: [{ size: 1 }, { shape: { $in: ['x'] } }] })).toEqual(['color', 'size', 'shape']);
  });
});
