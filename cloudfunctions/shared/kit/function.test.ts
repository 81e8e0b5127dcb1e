import { z } from 'zod';
import { action, defineContract, returns } from '../../../typings/api/contract';
import { AppError, CommonErrors } from './errors';
import { createFunction, defineRoute } from './function';

const kitTestContract = defineContract({
  name: 'kit-test',
  errors: { from: 0, to: 0 },
  actions: {
    echo: action({
      input: z.object({ name: z.string().min(1), items: z.array(z.object({ qty: z.number().int().positive() })).default([]) }),
      reply: returns<{ hello: string; count: number }>(),
    }),
    explode: action({ input: z.object({}), reply: returns<never>() }),
    strict: action({ input: z.object({ n: z.number() }).strict(), reply: returns<{ n: number }>() }),
    conflict: action({ input: z.object({}), reply: returns<never>() }),
  },
});
const emptyContract = (name: string) => defineContract({ name, errors: { from: 0, to: 0 }, actions: {} });

const main = createFunction(kitTestContract, {
  actions: {
    echo: async (input) => ({ hello: input.name, count: input.items.length }),
    explode: async () => {
      throw new Error('database password=hunter2 leaked in stack');
    },
    strict: async (input) => input,
    conflict: async () => {
      throw new AppError(CommonErrors.CONFLICT, { message: '订单已存在' });
    },
  },
  routes: [
    defineRoute({
      method: 'POST',
      path: '/v1/test/items/{itemId}',
      body: z.object({ price: z.number().nonnegative() }),
      handler: async (req) => ({ data: { itemId: req.params.itemId, price: req.body.price, raw: req.rawBody } }),
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/test/ping',
      handler: async (req) => ({ data: { pathWithQuery: req.pathWithQuery }, headers: { 'x-extra': '1' } }),
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/test/limited',
      guard: async () => {
        throw new AppError(CommonErrors.RATE_LIMITED, { headers: { 'Retry-After': '7' } });
      },
      handler: async () => ({ data: null }),
    }),
  ],
});

const http = (overrides: Record<string, unknown>) => ({
  path: '/v1/test/ping',
  httpMethod: 'GET',
  headers: {},
  queryStringParameters: {},
  body: '',
  isBase64Encoded: false,
  ...overrides,
});

type Reply = { statusCode: number; headers: Record<string, string>; body: string };

describe('function kit: callFunction actions', () => {
  it('wraps a result in the envelope', async () => {
    const reply = (await main({ action: 'echo', name: '小明', items: [{ qty: 2 }] })) as Record<string, unknown>;
    expect(reply).toMatchObject({ code: 0, message: 'ok', data: { hello: '小明', count: 1 } });
    expect(typeof reply.requestId).toBe('string');
  });

  it('rejects invalid input with the failing field path before the handler runs', async () => {
    const reply = (await main({ action: 'echo', name: 'x', items: [{ qty: 1 }, { qty: -3 }] })) as Record<string, any>;
    expect(reply.code).toBe(40001);
    expect(reply.data).toBeNull();
    expect(reply.details.field).toBe('items.1.qty');
    expect(reply.message).toContain('items.1.qty');
  });

  it('names the unknown action, including names that only exist on Object.prototype', async () => {
    const reply = (await main({ action: 'nope' })) as Record<string, any>;
    expect(reply).toMatchObject({ code: 40003, details: { field: 'action' } });
    for (const action of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(await main({ action })).toMatchObject({ code: 40003 });
  });

  it('leaves the userInfo CloudBase adds to mini-program calls out of the input (strict schemas accept the call)', async () => {
    const reply = await main({ action: 'strict', n: 1, userInfo: { appId: 'wx123', openId: 'o-1' } });
    expect(reply).toMatchObject({ code: 0, data: { n: 1 } });
  });

  it('hides unexpected errors behind a generic message and request id', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = (await main({ action: 'explode' })) as Record<string, any>;
    expect(reply).toMatchObject({ code: 50001, message: '服务内部错误', data: null });
    expect(JSON.stringify(reply)).not.toMatch(/hunter2|stack|at Object/);
    const logged = spy.mock.calls.map((c) => String(c[0])).join('\n');
    expect(logged).toContain(reply.requestId);
    spy.mockRestore();
  });

  it('passes AppError codes through', async () => {
    expect(await main({ action: 'conflict' })).toMatchObject({ code: 40901, message: '订单已存在' });
  });
});

describe('function kit: HTTP access', () => {
  it('routes by method and path, exposes params, replies with statusCode/headers/body', async () => {
    const reply = (await main(http({ httpMethod: 'POST', path: '/v1/test/items/menu_001', body: '{"price": 38.5}' }))) as Reply;
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 0, data: { itemId: 'menu_001', price: 38.5, raw: '{"price": 38.5}' } });
  });

  it('decodes base64 bodies', async () => {
    const body = Buffer.from('{"price": 12}').toString('base64');
    const reply = (await main(http({ httpMethod: 'POST', path: '/v1/test/items/a', body, isBase64Encoded: true }))) as Reply;
    expect(JSON.parse(reply.body).data).toMatchObject({ price: 12, raw: '{"price": 12}' });
  });

  it('maps validation errors to HTTP 400 with the field path', async () => {
    const reply = (await main(http({ httpMethod: 'POST', path: '/v1/test/items/a', body: '{"price": -1}' }))) as Reply;
    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 40001, details: { field: 'price' } });
  });

  it('maps malformed JSON to 400, unknown routes to 404, guard errors to their class with headers', async () => {
    const bad = (await main(http({ httpMethod: 'POST', path: '/v1/test/items/a', body: '{oops' }))) as Reply;
    expect([bad.statusCode, JSON.parse(bad.body).code]).toEqual([400, 40002]);
    const missing = (await main(http({ path: '/v1/test/nowhere' }))) as Reply;
    expect([missing.statusCode, JSON.parse(missing.body).code]).toEqual([404, 40401]);
    const wrongMethod = (await main(http({ httpMethod: 'DELETE', path: '/v1/test/ping' }))) as Reply;
    expect(wrongMethod.statusCode).toBe(404);
    const limited = (await main(http({ path: '/v1/test/limited' }))) as Reply;
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['Retry-After']).toBe('7');
  });

  it('keeps the query string for signatures and sets a request id header', async () => {
    const reply = (await main(
      http({ path: '/v1/test/ping', queryStringParameters: { a: '1', b: 'x y' }, headers: { 'X-Original-URI': '/v1/test/ping?a=1&b=x%20y' } }),
    )) as Reply;
    expect(JSON.parse(reply.body).data.pathWithQuery).toBe('/v1/test/ping?a=1&b=x%20y');
    expect(reply.headers['x-request-id']).toBeTruthy();
    expect(reply.headers['x-extra']).toBe('1');
  });
});

describe('function kit: platform events', () => {
  const ticks: string[] = [];
  const withTriggers = createFunction(emptyContract('kit-triggers'), {
    actions: {},
    routes: [defineRoute({ method: 'GET', path: '/v1/test/ip', handler: async (req) => ({ data: { ip: req.ip ?? null } }) })],
    timer: async (event) => {
      ticks.push(event.TriggerName);
      return { ticked: true };
    },
    fallback: {
      source: 'wx_paycallback',
      match: (event) => event?.kind === 'platform-callback',
      handle: async (event) => {
        if (event.explode) throw new Error('secret=hunter2');
        return { errcode: 0 };
      },
    },
  });
  const withoutTimer = createFunction(emptyContract('kit-no-timer'), { actions: {} });
  const timerEvent = { Type: 'Timer', TriggerName: 'sweep', Time: '2026-12-01T00:00:00Z' };

  /** Runs with the identity CloudBase would give the function (WX_* / TCB_SOURCE variables). */
  function asCaller<T>(identity: { source: string; openid?: string }, run: () => Promise<T>): Promise<T> {
    const names = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'TCB_SOURCE'] as const;
    const saved = names.map((name) => process.env[name]);
    Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: identity.openid ?? '', TCB_SOURCE: identity.source });
    return run().finally(() =>
      names.forEach((name, i) => {
        if (saved[i] === undefined) delete process.env[name];
        else process.env[name] = saved[i];
      }),
    );
  }
  const asMiniProgramUser = <T>(run: () => Promise<T>) => asCaller({ source: 'wx_client', openid: 'diner-openid' }, run);
  const asTimer = <T>(run: () => Promise<T>) => asCaller({ source: 'wx_trigger' }, run);
  const asPayCallback = <T>(run: () => Promise<T>) => asCaller({ source: 'wx_paycallback' }, run);

  beforeEach(() => (ticks.length = 0));

  it('runs a timer event from the timer trigger, and answers an envelope when there is no timer', async () => {
    expect(await asTimer(() => withTriggers(timerEvent))).toMatchObject({ code: 0, data: { ticked: true } });
    expect(ticks).toEqual(['sweep']);
    expect(await asTimer(() => withoutTimer(timerEvent))).toMatchObject({ code: 0, data: null });
  });

  it('takes timer- and callback-shaped events only from their platform source', async () => {
    for (const run of [asMiniProgramUser, <T>(r: () => Promise<T>) => asCaller({ source: 'wx_client,scf', openid: 'diner-openid' }, r), asPayCallback]) {
      expect(await run(() => withTriggers(timerEvent))).toMatchObject({ code: 40003 });
    }
    expect(await withTriggers(timerEvent)).toMatchObject({ code: 40003 }); // no SOURCE at all
    expect(ticks).toEqual([]);
    for (const run of [asMiniProgramUser, asTimer, <T>(r: () => Promise<T>) => asCaller({ source: 'wx_paycallback,scf' }, r)]) {
      expect(await run(() => withTriggers({ kind: 'platform-callback' }))).toMatchObject({ code: 40003 });
    }
    expect(await asPayCallback(() => withTriggers({ kind: 'platform-callback' }))).toEqual({ errcode: 0 });
  });

  it('turns a failing platform callback into an error envelope without the details', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await asPayCallback(() => withTriggers({ kind: 'platform-callback', explode: true }));
    expect(reply).toMatchObject({ code: 50001, data: null });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
    spy.mockRestore();
  });

  it('takes the client IP from the last X-Forwarded-For hop, the one the gateway appended', async () => {
    const reply = (await withTriggers(http({ path: '/v1/test/ip', headers: { 'X-Forwarded-For': '10.1.2.3, 203.0.113.9' } }))) as Reply;
    expect(JSON.parse(reply.body).data.ip).toBe('203.0.113.9');
  });

  it('answers a malformed escape in a path parameter with 400 and the parameter name', async () => {
    const reply = (await main(http({ httpMethod: 'POST', path: '/v1/test/items/%E0%A4%A', body: '{"price": 1}' }))) as Reply;
    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 40001, details: { field: 'itemId' } });
  });
});

describe('function kit: HTTP-shaped events from mini-program users', () => {
  it('are not HTTP requests (their headers would be the user’s own words), and odd bodies never 500', async () => {
    const saved = { keys: process.env.WX_CONTEXT_KEYS, openid: process.env.WX_OPENID, source: process.env.TCB_SOURCE };
    Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'diner-openid', TCB_SOURCE: 'wx_client' });
    try {
      const reply = await main(http({ path: '/v1/test/ping', headers: { 'X-Forwarded-For': '10.0.0.1' } }));
      expect(reply).toMatchObject({ code: 40003 });
    } finally {
      for (const [name, value] of Object.entries({ WX_CONTEXT_KEYS: saved.keys, WX_OPENID: saved.openid, TCB_SOURCE: saved.source })) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    const odd = (await main(http({ httpMethod: 'POST', path: '/v1/test/items/a', body: 5, isBase64Encoded: true }))) as Reply;
    expect(odd.statusCode).toBe(400);
  });
});
