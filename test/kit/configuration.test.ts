import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { testFunctionEnv } from '../helpers/function-env';

interface Reply {
  code: number;
  message: string;
  details?: { missing?: string[]; invalid?: string[] };
}

/**
 * The cold-start configuration check (shared/kit/config.ts): a function started without a
 * required variable fails its first call — action, HTTP route or platform callback alike — with
 * ONE Chinese error naming every missing variable, never a silent default and never the values.
 */
describe('functions started without their configuration', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    const { SECRETS_MASTER_KEY: _key, WXPAY_MCHID: _mchid, WXPAY_PAYSCORE_NOTIFY_URL: _notify, ...rest } = testFunctionEnv();
    emulator = await startTestEmulator({ bareConfig: true, functionEnv: { ...rest, WXPAY_APIV3_KEY: 'too-short', LOG_LEVEL: 'silent' } });
  });
  afterAll(() => emulator.stop());

  it('member: the first call names the missing master key', async () => {
    const reply = await emulator.call<Reply>('member', { action: 'getSession' }, 'o1');
    expect(reply).toMatchObject({ code: 50002, details: { missing: ['SECRETS_MASTER_KEY'], invalid: [] } });
    expect(reply.message).toBe('云函数 member 的配置不完整：缺少 SECRETS_MASTER_KEY。请在云函数的环境变量中设置（见 docs/configuration.md）');
    // every call of the instance, not only the first
    expect(await emulator.call<Reply>('member', { action: 'ping' })).toMatchObject({ code: 50002 });
  });

  it('payment: the Pay Score notify route answers 500 naming every missing or malformed variable (not 50040 at the first notification)', async () => {
    const res = await emulator.http('POST', '/v1/payment/payscore/notify', { body: { id: 'n1' } });
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ code: 50002, details: { missing: ['WXPAY_MCHID', 'WXPAY_PAYSCORE_NOTIFY_URL'], invalid: ['WXPAY_APIV3_KEY'] } });
    expect(res.json.message).toContain('缺少 WXPAY_MCHID、WXPAY_PAYSCORE_NOTIFY_URL；格式不对 WXPAY_APIV3_KEY');
    expect(res.text).not.toContain(testFunctionEnv().WXPAY_APIV2_KEY);
  });

  it('a function whose configuration is complete is not affected', async () => {
    expect(await emulator.call<Reply>('admin', { action: 'ping' })).toMatchObject({ code: 0 });
  });
});
