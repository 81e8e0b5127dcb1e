import { createLogger, isSecretLogKey, redactLogFields } from './logger';

/** Captures the JSON lines the logger writes (info → console.log, warn/error → console.error). */
function capture(): { lines: () => Record<string, unknown>[]; raw: () => string; restore: () => void } {
  const out: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  const error = jest.spyOn(console, 'error').mockImplementation((line: unknown) => void out.push(String(line)));
  return {
    lines: () => out.map((line) => JSON.parse(line) as Record<string, unknown>),
    raw: () => out.join('\n'),
    restore: () => {
      log.mockRestore();
      error.mockRestore();
    },
  };
}

describe('logger', () => {
  const previousLevel = process.env.LOG_LEVEL;
  let logs: ReturnType<typeof capture>;
  beforeEach(() => {
    process.env.LOG_LEVEL = 'debug';
    logs = capture();
  });
  afterEach(() => {
    logs.restore();
    if (previousLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = previousLevel;
  });

  it('redacts secrets by key name at any depth, case-insensitively, including header-style names', () => {
    createLogger('req-1').info('outbound call', {
      request: {
        headers: {
          Authorization: 'WECHATPAY2-SHA256-RSA2048 mchid="1",signature="abc"',
          'x-api-key': 'pk_live_1',
          'X-Signature': 'deadbeef',
          Cookie: 'sid=1',
          'set-cookie': ['a=1'],
          'content-type': 'application/json',
        },
        body: { apiV3Key: 'v3', sessionKey: 'sk', nested: [{ secret: 's', password: 'p', token: 't', sign: 'md5', api_key: 'k', keep: 'visible' }] },
      },
      config: { mchPrivateKey: '-----BEGIN PRIVATE KEY-----', SECRETS_MASTER_KEY: 'mk', accessToken: 'at', paySign: 'ps' },
    });
    const [line] = logs.lines();
    expect(line).toMatchObject({ level: 'info', requestId: 'req-1', msg: 'outbound call' });
    expect(line.request).toEqual({
      headers: {
        Authorization: '[redacted]',
        'x-api-key': '[redacted]',
        'X-Signature': '[redacted]',
        Cookie: '[redacted]',
        'set-cookie': '[redacted]',
        'content-type': 'application/json',
      },
      body: {
        apiV3Key: '[redacted]',
        sessionKey: '[redacted]',
        nested: [{ secret: '[redacted]', password: '[redacted]', token: '[redacted]', sign: '[redacted]', api_key: '[redacted]', keep: 'visible' }],
      },
    });
    expect(line.config).toEqual({ mchPrivateKey: '[redacted]', SECRETS_MASTER_KEY: '[redacted]', accessToken: '[redacted]', paySign: '[redacted]' });
    expect(logs.raw()).not.toMatch(/pk_live_1|deadbeef|sid=1|v3"|md5|BEGIN PRIVATE/);
  });

  it('does not redact ordinary names that merely contain a secret-looking word', () => {
    expect(['design', 'signedAt', 'assigned', 'keyword', 'openid', 'storeId', 'monkey'].filter(isSecretLogKey)).toEqual([]);
    expect(['SIGN', 'x-wx-sign', 'Proxy-Authorization', 'client_secret', 'refresh_token', 'encodingAESKey'].every(isSecretLogKey)).toBe(true);
  });

  it('masks phone numbers in strings (messages, fields, error text) and numeric phone fields', () => {
    const log = createLogger('req-2', { caller: { phone: '13800138000' } });
    log.warn('bound 13912345678', { note: '客户电话 13800138000，备用 +86 13700001111', phone: 13600001234, count: 13600001234, landline: '021-00000000' });
    const [line] = logs.lines();
    expect(line.msg).toBe('bound 139****5678');
    expect(line.caller).toEqual({ phone: '138****8000' });
    expect(line.note).toBe('客户电话 138****8000，备用 +86 137****1111');
    expect(line.phone).toBe('136****1234');
    expect(line.count).toBe(13600001234); // not a phone field: numbers are left alone
    expect(line.landline).toBe('021-00000000');
    expect(logs.raw()).not.toMatch(/13800138000|13912345678|13700001111/);
  });

  it('masks inline credentials in free text', () => {
    createLogger('req-3').error('call failed', { error: 'GET /v1?sign=abc123&x=1 failed: password=hunter2, Authorization: Bearer eyJhbGciOi.x.y' });
    const text = String(logs.lines()[0].error);
    expect(text).not.toMatch(/abc123|hunter2|eyJhbGciOi/);
    expect(text).toContain('x=1');
  });

  it('never throws: circular references, BigInt, throwing getters, odd values', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    circular.list = [circular, { back: circular }];
    const shared = { v: 1 };
    const hostile = {
      get boom(): never {
        throw new Error('getter exploded');
      },
    };
    const log = createLogger('req-4', { big: 10n });
    expect(() =>
      log.error('weird', {
        circular,
        big: 2n ** 70n,
        hostile,
        twice: [shared, shared],
        nan: NaN,
        inf: -Infinity,
        fn: () => 1,
        undef: undefined,
        sym: Symbol('s'),
      }),
    ).not.toThrow();
    const [line] = logs.lines();
    expect(line.circular).toEqual({ name: 'loop', self: '[Circular]', list: ['[Circular]', { back: '[Circular]' }] });
    expect(line.big).toBe('1180591620717411303424');
    expect(line.hostile).toEqual({ boom: '[Unreadable]' });
    expect(line.twice).toEqual([{ v: 1 }, { v: 1 }]); // repeated, not circular
    expect(line).toMatchObject({ nan: 'NaN', inf: '-Infinity', sym: 'Symbol(s)' });
    expect(line).not.toHaveProperty('fn');
    expect(line).not.toHaveProperty('undef');
  });

  it('logs errors with name, message and stack (masked), dates as ISO, maps and sets', () => {
    const error = Object.assign(new Error('user 13800138000 failed'), { code: 'E1', token: 'tok' });
    createLogger('req-5').error('boom', { error, at: new Date(0), map: new Map([['apiKey', 'x']]), set: new Set([1]), buffer: Buffer.from('secret') });
    const [line] = logs.lines();
    expect(line.error).toMatchObject({ name: 'Error', message: 'user 138****8000 failed', code: 'E1', token: '[redacted]' });
    expect(String((line.error as { stack: string }).stack)).toContain('138****8000');
    expect(line).toMatchObject({ at: '1970-01-01T00:00:00.000Z', map: { apiKey: '[redacted]' }, set: [1], buffer: '[Buffer 6 bytes]' });
  });

  it('child loggers carry redacted base fields; levels below LOG_LEVEL are dropped', () => {
    process.env.LOG_LEVEL = 'warn';
    const child = createLogger('req-6').child({ integration: { apiSecret: 'sk_1', id: 'i1' } });
    child.info('dropped');
    child.warn('kept');
    const lines = logs.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'kept', integration: { apiSecret: '[redacted]', id: 'i1' } });
  });

  it('redactLogFields() returns a JSON-safe copy and leaves the input untouched', () => {
    const input = { headers: { authorization: 'x' }, n: 1n };
    expect(redactLogFields(input)).toEqual({ headers: { authorization: '[redacted]' }, n: '1' });
    expect(input.headers.authorization).toBe('x');
  });
});
