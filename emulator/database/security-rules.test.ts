import { compileRule, docAllowed, queryAllowed, type RuleEnvironment } from './security-rules';

const grants: Record<string, Record<string, unknown>> = {
  staff1: { stores: { s1: 2000 }, tables: {} },
  diner1: { stores: {}, tables: { T1: 2000 } },
};
const env = (openid: string, now = 1000): RuleEnvironment => ({
  auth: { openid },
  now,
  get: (collection, id) => (collection === 'live_grants' ? (grants[id] ?? null) : null),
});
const RULE = "doc.openid == auth.openid || get('database.live_grants.' + auth.openid).stores[doc.storeId] > now";

describe('security rules', () => {
  it('evaluates documents: own, granted store, expired grant, other store', () => {
    expect(docAllowed(RULE, { openid: 'diner1', storeId: 's9' }, env('diner1'))).toBe(true);
    expect(docAllowed(RULE, { openid: 'x', storeId: 's1' }, env('staff1'))).toBe(true);
    expect(docAllowed(RULE, { openid: 'x', storeId: 's1' }, env('staff1', 3000))).toBe(false);
    expect(docAllowed(RULE, { openid: 'x', storeId: 's2' }, env('staff1'))).toBe(false);
    expect(docAllowed(RULE, { openid: 'x', storeId: 's1' }, env('nobody'))).toBe(false);
  });

  it('checks a query against the rule: fields the rule reads must be pinned', () => {
    expect(queryAllowed(RULE, { storeId: 's1', status: { $in: ['a', 'b'] } }, env('staff1'))).toBe(true);
    expect(queryAllowed(RULE, { storeId: { $in: ['s1', 's2'] } }, env('staff1'))).toBe(false);
    expect(queryAllowed(RULE, { status: 'pending' }, env('staff1'))).toBe(false);
    expect(queryAllowed(RULE, { openid: 'diner1' }, env('diner1'))).toBe(true);
    expect(queryAllowed("get('database.live_grants.' + auth.openid).tables[doc.table.tableId] > now", { 'table.tableId': 'T1' }, env('diner1'))).toBe(true);
    expect(queryAllowed(true, {}, env('a'))).toBe(true);
    expect(queryAllowed(false, { _id: 'x' }, env('a'))).toBe(false);
  });

  it('supports in, !, && and parentheses, and refuses what it cannot read', () => {
    expect(docAllowed("!(doc.a == 'x') && 'b' in doc.list", { a: 'y', list: ['b'] }, env('a'))).toBe(true);
    expect(docAllowed('doc.n >= 3', { n: 2 }, env('a'))).toBe(false);
    expect(() => compileRule('doc.a = 1')).toThrow(/syntax/);
    expect(() => compileRule('eval(doc)')).toThrow(/unknown function/);
    expect(() => compileRule('process.exit')).toThrow(/unknown name/);
  });
});
