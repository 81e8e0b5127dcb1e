import { isIP } from 'node:net';
import { isIpv4, isIpv6, posInterfaceContract } from '../../typings/api/pos-interface';

// The contract validates IP whitelist entries without node:net (the mini-program type-checks the file);
// it must agree with Node's parser, which the request guard uses.
const SAMPLES = [
  '10.0.0.1',
  '127.0.0.1',
  '255.255.255.255',
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3',
  '1.2.3.4.5',
  '::',
  '::1',
  '2001:db8::ff00:42:8329',
  '2001:0db8:0000:0000:0000:ff00:0042:8329',
  '::ffff:192.0.2.1',
  'fe80::1%eth0',
  '1::2::3',
  '12345::',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  '1:2:3:4:5:6:7::',
  'g::1',
  'not-an-ip',
  '',
];

describe('pos-interface contract inputs', () => {
  it.each(SAMPLES)('%s: same answer as net.isIP', (sample) => {
    expect(isIpv4(sample) ? 4 : isIpv6(sample) ? 6 : 0).toBe(isIP(sample));
  });

  it('every staff action declares its roles; only createIntegration is store-scoped by input', () => {
    const entries = Object.entries(posInterfaceContract.actions).filter(([name]) => name !== 'ping');
    expect(entries.every(([, spec]) => 'roles' in spec && spec.roles && spec.roles.length > 0)).toBe(true);
    expect(entries.filter(([, spec]) => 'storeField' in spec && spec.storeField).map(([name]) => name)).toEqual(['createIntegration']);
    expect(posInterfaceContract.errors).toEqual({ from: 10, to: 39 });
  });
});
