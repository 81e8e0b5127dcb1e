/**
 * The requests of the fuzz test (fuzz.test.ts): malformed events for every action of every
 * contract in typings/api (through the callFunction bridge), malformed events as such, and
 * garbage for every HTTP route behind cloudbaserc.json's gateway — unsigned, and signed with the
 * demo integration's credentials so the garbage also reaches the bodies' schemas and handlers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { signRequest } from '../../cloudfunctions/shared/integration/signature';
import { DEMO } from '../../emulator/seed/demo-data';
import type { Contract } from '../../typings/api/contract';
import { PROJECT_ROOT } from '../helpers/emulator';
import { eventText, hostileValue, mutatedPayload, pick, withOwnKey, type Rng } from './fuzz-inputs';

export interface FuzzRequest {
  target: string;
  url: string;
  init: RequestInit;
}

export const rc = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cloudbaserc.json'), 'utf8')) as {
  functions: { name: string }[];
  gateway: { routes: { path: string; target: string }[] };
};

/** Every contract typings/api exports (whatever files it holds). */
export function contracts(): Contract[] {
  const dir = join(PROJECT_ROOT, 'typings', 'api');
  const found = new Map<string, Contract>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const value of Object.values(require(join(dir, file)) as Record<string, unknown>)) {
      const c = value as Partial<Contract> | null;
      if (c && typeof c === 'object' && typeof c.name === 'string' && c.actions && c.errors) found.set(c.name, c as Contract);
    }
  }
  return [...found.values()];
}

/** The HTTP routes the functions declare (`defineRoute({ method, path })` in their sources). */
export function declaredRoutes(): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/defineRoute\(\{\s*method:\s*'(\w+)',\s*path:\s*'([^']+)'/g))
          routes.push({ method: m[1], path: m[2] });
      }
    }
  };
  walk(join(PROJECT_ROOT, 'cloudfunctions'));
  return routes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function bridge(base: string, fn: string, body: string, openid?: string): Pick<FuzzRequest, 'url' | 'init'> {
  return {
    url: `${base}/functions/${fn}`,
    init: { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) }, body },
  };
}

/** Events the bridge takes that are malformed as events: not an object, a forged caller, a platform shape. */
const MALFORMED_EVENTS = [
  '[]',
  '"ping"',
  '1',
  'null',
  'true',
  '{}',
  '{"action":""}',
  '{"action":"ping ","x":1}',
  '{"action":"__proto__"}',
  '{"action":"constructor"}',
  '{"__proto__":{"action":"ping"}}',
  '{"action":"ping","userInfo":{"openId":"demo-admin-openid","appId":"x"}}',
  '{"action":"ping","userInfo":"x"}',
  '{"httpMethod":"GET","path":"/v1/pos/ping","headers":{"x-api-key":"x"}}',
  '{"Type":"Timer","TriggerName":"reconcile-payments","Time":"2026-01-01T00:00:00Z"}',
  '{"action":"ping","x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}',
  `{"action":${JSON.stringify('x'.repeat(100_000))}}`,
];

/**
 * `cases` events per action and caller that the action's own schema refuses; the generated
 * events the schema accepts (hostile values that are still valid, e.g. a reason of
 * `../../etc/passwd`) are returned apart: they are not malformed and may legitimately write.
 */
export function actionRequests(rng: Rng, base: string, callers: Record<string, string>, cases: number): { requests: FuzzRequest[]; valid: FuzzRequest[] } {
  const requests: FuzzRequest[] = [];
  const valid: FuzzRequest[] = [];
  for (const contract of contracts()) {
    for (const [name, spec] of Object.entries(contract.actions)) {
      const input = spec.input as z.ZodType;
      for (const [role, openid] of Object.entries(callers)) {
        for (let i = 0, tries = 0; i < cases && tries < cases * 5; tries++) {
          const payload = mutatedPayload(rng, input);
          const text = eventText(isPlainObject(payload) ? { ...payload, action: name } : { action: name, value: payload });
          const { action: _action, ...seen } = JSON.parse(text) as Record<string, unknown>;
          const request = { target: `${contract.name}.${name} as ${role}: ${text.slice(0, 200)}`, ...bridge(base, contract.name, text, openid) };
          if (input.safeParse(seen).success) {
            valid.push(request);
            continue;
          }
          i++;
          requests.push(request);
        }
      }
    }
    for (const text of MALFORMED_EVENTS)
      for (const openid of [...Object.values(callers), undefined])
        requests.push({ target: `${contract.name} event ${text.slice(0, 80)}`, ...bridge(base, contract.name, text, openid) });
  }
  return { requests, valid };
}

const SEGMENTS = ['x', '%E0%A4%A', '%', '..', '%2e%2e', 'a%0Ab', 'a%E2%80%A8b', '__proto__', 'x'.repeat(300), 'posint_demo'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const HEADER_NAMES = [
  'x-api-key',
  'x-timestamp',
  'x-nonce',
  'x-signature',
  'authorization',
  'x-original-uri',
  'x-forwarded-for',
  'wechatpay-serial',
  'wechatpay-signature',
  'wechatpay-timestamp',
  'wechatpay-nonce',
  'x-event-id',
];
const HEADER_VALUES = [
  '',
  'x',
  '0',
  '-1',
  '99999999999999999999',
  'Bearer x',
  'Bearer ',
  '../',
  '\u00ff\u00fe',
  'a'.repeat(4000),
  '/v1/pos/ping?x=1',
  '127.0.0.1, 10.0.0.1',
];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', ''];
const RAW_BODIES = ['{', '{"a":', 'not json', '\u0000', '[1,2', '{"a":1}{"b":2}', '\ufeff{}', 'x'.repeat(100_000)];
const QUERIES = ['x=1', 'a=%ZZ', '__proto__=1', 'x='.repeat(50), 'sign=1&sign=2'];

function garbageBody(rng: Rng): string {
  const r = rng();
  if (r < 0.5) return eventText(hostileValue(rng));
  if (r < 0.75)
    return eventText(withOwnKey({ orderId: hostileValue(rng), items: hostileValue(rng) }, pick(rng, ['__proto__', 'x', 'restaurantId']), hostileValue(rng)));
  return pick(rng, RAW_BODIES);
}

/** Unsigned garbage: every declared route and paths around them under each gateway prefix, odd methods, headers and bodies. */
export function httpRequests(rng: Rng, base: string, cases: number): FuzzRequest[] {
  const prefixes = rc.gateway.routes.map((r) => r.path);
  const routes = declaredRoutes().filter((r) => prefixes.some((p) => r.path.startsWith(p)));
  const around = prefixes.flatMap((p) => [p, `${p}/`, `${p}/x`, `${p}//`, `${p}/..%2Fadmin`, `${p}/%00`, `${p}/${'a'.repeat(2000)}`]);
  const requests: FuzzRequest[] = [];
  for (const route of [...routes, ...around.map((path) => ({ method: 'POST', path }))]) {
    for (let i = 0; i < cases; i++) {
      const path = route.path.replace(/\{\w+\}/g, () => pick(rng, SEGMENTS)) + (rng() < 0.3 ? `?${pick(rng, QUERIES)}` : '');
      const method = rng() < 0.7 ? route.method : pick(rng, METHODS);
      const headers: Record<string, string> = {};
      const type = pick(rng, CONTENT_TYPES);
      if (type) headers['content-type'] = type;
      for (let n = Math.floor(rng() * 5); n > 0; n--) headers[pick(rng, HEADER_NAMES)] = pick(rng, HEADER_VALUES);
      const body = method !== 'GET' && rng() < 0.9 ? garbageBody(rng) : undefined;
      requests.push({ target: `HTTP ${method} ${path.slice(0, 120)} ${body?.slice(0, 80) ?? ''}`, url: `${base}${path}`, init: { method, headers, body } });
    }
  }
  return requests;
}

/** Garbage bodies correctly signed with the demo integration's key (what a buggy or hostile POS sends). */
export function signedPosRequests(rng: Rng, base: string, cases: number, seed: number): FuzzRequest[] {
  const routes = declaredRoutes().filter((r) => r.path.startsWith('/v1/pos') && !r.path.includes('{'));
  const requests: FuzzRequest[] = [];
  let nonce = 0;
  for (const route of routes) {
    for (let i = 0; i < cases; i++) {
      const body = route.method === 'GET' ? '' : garbageBody(rng);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const n = `fuzz-${seed}-nonce-${String(++nonce).padStart(6, '0')}`;
      const signature = signRequest({ method: route.method, pathWithQuery: route.path, timestamp, nonce: n, rawBody: body }, DEMO.pos.apiSecret);
      requests.push({
        target: `HTTP signed ${route.method} ${route.path} ${body.slice(0, 80)}`,
        url: `${base}${route.path}`,
        init: {
          method: route.method,
          headers: { 'content-type': 'application/json', 'x-api-key': DEMO.pos.apiKey, 'x-timestamp': timestamp, 'x-nonce': n, 'x-signature': signature },
          body: route.method === 'GET' ? undefined : body,
        },
      });
    }
  }
  return requests;
}
