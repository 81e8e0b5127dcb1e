import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCollections } from '../../emulator/seed/seed';
import { PROJECT_ROOT, startTestEmulator, type TestEmulator } from '../helpers/emulator';

/**
 * Issue #12 items 5 and 6, through the bridge against the bundled functions: an id holding a
 * newline or a line separator, and an action that is not a string, are a 400-class answer with
 * the field path — never 50001, never an error log with a stack.
 */
const DINER = 'ids-diner';
const ADMIN = 'ids-admin';
const SEPARATORS = { lf: 'a\nb', crlf: 'a\r\nb', u2028: 'a\u2028b' };
const FUNCTIONS = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: { name: string }[] }).functions.map((f) => f.name);

describe('malformed ids and actions', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    emulator.db.insertRaw('staff', [{ _id: 'ids_staff_admin', openid: ADMIN, name: '管理员', role: 'admin', storeIds: [], status: 'active' }]);
  }, 60_000);
  afterAll(() => emulator.stop());

  /** Structured lines the functions logged (functions.log) that carry a stack or are errors. */
  async function errorLogLines(): Promise<Record<string, unknown>[]> {
    await new Promise((resolve) => setTimeout(resolve, 300)); // the runtime appends worker output asynchronously
    return readFileSync(join(emulator.dataDir, 'functions.log'), 'utf8')
      .split('\n')
      .map((text) => text.replace(/^\[[\w-]+\] /, ''))
      .filter((text) => text.startsWith('{'))
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .filter((line) => line.level === 'error' || 'stack' in line);
  }

  const cases: [fn: string, openid: string, input: (id: string) => Record<string, unknown>, field: string][] = [
    ['ordering', DINER, (id) => ({ action: 'getMyOrder', orderId: id }), 'orderId'],
    ['admin', ADMIN, (id) => ({ action: 'getStore', storeId: id }), 'storeId'],
    ['member', ADMIN, (id) => ({ action: 'adjustPoints', openid: id, points: 5, reason: '补录', idempotencyKey: 'ids-key-0001' }), 'openid'],
    ['member', ADMIN, (id) => ({ action: 'topUpTickets', openid: id, tickets: 5, reason: '补录', idempotencyKey: 'ids-key-0002' }), 'openid'],
    ['payment', DINER, (id) => ({ action: 'quote', orderId: id }), 'orderId'],
    ['payment', DINER, (id) => ({ action: 'createPayment', orderId: id, method: 'wechat' }), 'orderId'],
    ['payment', DINER, (id) => ({ action: 'getPayment', orderId: id }), 'orderId'],
    ['payment', DINER, (id) => ({ action: 'getPayment', paymentId: id }), 'paymentId'],
    ['payment', ADMIN, (id) => ({ action: 'listPayments', storeId: id }), 'storeId'],
    ['pos-interface', ADMIN, (id) => ({ action: 'getIntegration', integrationId: id }), 'integrationId'],
  ];

  describe.each(Object.entries(SEPARATORS))('an id with %s', (_name, id) => {
    it.each(cases.map(([fn, openid, input, field]) => [`${fn}.${input(id).action}`, fn, openid, input(id), field] as const))(
      '%s → 40001 at the id field',
      async (_label, fn, openid, input, field) => {
        const reply = await emulator.call<any>(fn, input, openid);
        expect(reply).toMatchObject({ code: 40001, data: null, details: { field } });
        expect(reply.message).toContain(field);
      },
    );
  });

  it('none of those left an error log or a stack', async () => {
    expect(await errorLogLines()).toEqual([]);
  });

  describe('an action that is not a string (item 6)', () => {
    const actions: unknown[] = [{ toString: 'x' }, { valueOf: 1, toString: 'ping' }, ['ping'], 42, null, true];
    it.each(FUNCTIONS)('%s answers 40003 with field path action, as a diner and as staff', async (fn) => {
      for (const action of actions) {
        for (const openid of [DINER, ADMIN, undefined]) {
          const reply = await emulator.call<any>(fn, { action }, openid);
          expect({ action, reply }).toMatchObject({ action, reply: { code: 40003, data: null, details: { field: 'action' } } });
        }
      }
      // the same over raw JSON (what a forged request sends), and an action name from Object.prototype
      for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
        expect(await emulator.call<any>(fn, { action: name }, DINER)).toMatchObject({ code: 40003, details: { field: 'action' } });
      }
    });

    it('left no error log either', async () => {
      expect(await errorLogLines()).toEqual([]);
    });
  });
});
