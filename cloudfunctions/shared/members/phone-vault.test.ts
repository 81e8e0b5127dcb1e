import { randomBytes } from 'node:crypto';
import { phoneIndexOf, protectPhone, revealPhone } from './phone-vault';

const master = { id: 'k-test', key: randomBytes(32) };

describe('phone vault', () => {
  it('seals the number (no clear digits) and reveals it for the same member only', () => {
    const protectedPhone = protectPhone('o-1', '13912345678', master);
    expect(JSON.stringify(protectedPhone)).not.toContain('13912345678');
    expect(revealPhone({ openid: 'o-1', ...protectedPhone }, () => master)).toBe('13912345678');
    expect(() => revealPhone({ openid: 'o-2', ...protectedPhone }, () => master)).toThrow();
  });

  it('gives a stable keyed index: same number same index, another key another index', () => {
    expect(phoneIndexOf('13912345678', master)).toBe(protectPhone('o-9', '13912345678', master).phoneIndex);
    expect(phoneIndexOf('13912345678', master)).not.toBe(phoneIndexOf('13912345679', master));
    expect(phoneIndexOf('13912345678', master)).not.toBe(phoneIndexOf('13912345678', { id: 'k2', key: randomBytes(32) }));
    expect(phoneIndexOf('13912345678', master)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a legacy clear number until it is migrated, and no number as null', () => {
    expect(revealPhone({ openid: 'o-1', phone: '13800138000' }, () => master)).toBe('13800138000');
    expect(revealPhone({ openid: 'o-1', phone: null }, () => master)).toBeNull();
  });
});
