import { checkOutboundUrl, parseAllowList, type Resolver } from './outbound-guard';

const resolveTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const none = new Set<string>();

describe('outbound URL guard', () => {
  it.each([
    'https://127.0.0.1:1/',
    'https://10.0.0.1/',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[fd00:ec2::254]/',
    'https://2130706433/',
    'https://0x7f.1/',
    'http://8.8.8.8/',
    'https://user:pw@8.8.8.8/',
    'not a url',
  ])('refuses %s', async (url) => {
    expect((await checkOutboundUrl(url, { allow: none, resolve: resolveTo('8.8.8.8') })).ok).toBe(false);
  });

  it('checks the resolved addresses of a host name, all of them', async () => {
    expect((await checkOutboundUrl('https://pos.example.com/', { allow: none, resolve: resolveTo('127.0.0.1') })).ok).toBe(false);
    expect((await checkOutboundUrl('https://pos.example.com/', { allow: none, resolve: resolveTo('8.8.8.8', '10.0.0.7') })).ok).toBe(false);
    const ok = await checkOutboundUrl('https://pos.example.com/pos', { allow: none, resolve: resolveTo('8.8.8.8') });
    expect(ok).toMatchObject({ ok: true, target: { hostname: 'pos.example.com', port: 443, addresses: [{ address: '8.8.8.8', family: 4 }] } });
  });

  it('refuses a host that does not resolve', async () => {
    const failing: Resolver = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    expect((await checkOutboundUrl('https://nowhere.example/', { allow: none, resolve: failing })).ok).toBe(false);
  });

  it('lets through exactly the configured host:port entries', async () => {
    const allow = parseAllowList('127.0.0.1:8788, [::1]:9000 sim.local');
    expect([...allow]).toEqual(['127.0.0.1:8788', '::1:9000', 'sim.local']);
    expect((await checkOutboundUrl('https://127.0.0.1:8788/pos', { allow })).ok).toBe(true);
    expect((await checkOutboundUrl('https://127.0.0.1:8789/pos', { allow })).ok).toBe(false);
    expect((await checkOutboundUrl('https://[::1]:9000/', { allow })).ok).toBe(true);
    expect((await checkOutboundUrl('https://sim.local:1234/', { allow, resolve: resolveTo('127.0.0.1') })).ok).toBe(true);
  });
});
