import { AppError, type ActionContext, type ErrorCodeSpec, type HttpRequest } from '../kit';
import type { NonceStore } from './nonce-store';
import type { RateBudget } from './rate-leases';
import { signRequest } from './signature';
import { signedRequestGuard, type KnownParty, type SignedGuardErrors } from './signed-guard';

// A second inbound party (the cabinet vendor, say) with its own codes: the guard is generic.
const code = (n: number): ErrorCodeSpec => ({ code: n, message: `e${n}`, description: '' });
const errors: SignedGuardErrors = {
  headersMissing: code(40190),
  unknownKey: code(40191),
  disabled: code(40192),
  ipNotAllowed: code(40390),
  timestampOutOfWindow: code(40193),
  secretUnavailable: code(40194),
  signatureInvalid: code(40195),
  nonceReplayed: code(40196),
};
const SECRET = 'sk_cabinet_vendor';
const party = { _id: 'vendor_1', status: 'active', ipWhitelist: [], rateLimitPerMinute: 10 };

function request(overrides: { nonce?: string; timestamp?: number; secret?: string; apiKey?: string } = {}): HttpRequest {
  const timestamp = String(overrides.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = overrides.nonce ?? 'nonce_0123456789abcdef';
  const rawBody = '{"door":"open"}';
  const pathWithQuery = '/v1/cabinet/callback';
  const signature = signRequest({ method: 'POST', pathWithQuery, timestamp, nonce, rawBody }, overrides.secret ?? SECRET);
  return {
    method: 'POST',
    path: pathWithQuery,
    pathWithQuery,
    params: {},
    query: {},
    headers: { 'x-api-key': overrides.apiKey ?? 'ak_1', 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature },
    rawBody,
  };
}

function setup(budgetRefuses = false) {
  const writes: string[] = [];
  const claimed = new Set<string>();
  const nonces: NonceStore = {
    claim: async (id, nonce) => {
      writes.push(`claim ${nonce}`);
      if (claimed.has(`${id}:${nonce}`)) return false;
      claimed.add(`${id}:${nonce}`);
      return true;
    },
    release: async (id, nonce) => {
      writes.push(`release ${nonce}`);
      claimed.delete(`${id}:${nonce}`);
    },
    removeExpired: async () => 0,
  };
  const budget: RateBudget = {
    spend: async () => {
      writes.push('budget');
      if (budgetRefuses) throw new AppError({ code: 42990, message: 'slow down' });
    },
  };
  const lookup = async (apiKey: string): Promise<KnownParty<typeof party> | null> => (apiKey === 'ak_1' ? { party, secrets: [SECRET] } : null);
  const guard = signedRequestGuard({ lookup, nonces, budget, errors })();
  const noop = () => undefined;
  const ctx = { requestId: 'r1', caller: {}, log: { info: noop, warn: noop, error: noop, debug: noop } } as unknown as ActionContext;
  return { guard: (req: HttpRequest) => guard(req, ctx), writes };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 0,
    (error: AppError) => error.code,
  );

describe('signedRequestGuard (shared HMAC guard)', () => {
  it('accepts a signed request: nonce claimed, then one budget token spent', async () => {
    const { guard, writes } = setup();
    const caller = await guard(request());
    expect(caller.integration._id).toBe('vendor_1');
    expect(writes).toEqual(['claim nonce_0123456789abcdef', 'budget']);
  });

  it("answers with the context's own codes and writes nothing before the signature verified", async () => {
    const { guard, writes } = setup();
    expect(await codeOf(guard({ ...request(), headers: {} }))).toBe(40190);
    expect(await codeOf(guard(request({ apiKey: 'ak_unknown' })))).toBe(40191);
    expect(await codeOf(guard(request({ timestamp: Math.floor(Date.now() / 1000) - 301 })))).toBe(40193);
    expect(await codeOf(guard(request({ secret: 'sk_forged' })))).toBe(40195);
    expect(writes).toEqual([]);
  });

  it('refuses a replayed nonce before the handler runs', async () => {
    const { guard } = setup();
    await guard(request());
    expect(await codeOf(guard(request()))).toBe(40196);
  });

  it('gives the nonce back when the budget refuses, so the identical request may be resent', async () => {
    const { guard, writes } = setup(true);
    expect(await codeOf(guard(request()))).toBe(42990);
    expect(writes).toEqual(['claim nonce_0123456789abcdef', 'budget', 'release nonce_0123456789abcdef']);
    expect(await codeOf(guard(request()))).toBe(42990);
  });
});
