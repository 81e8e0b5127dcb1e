import { randomBytes } from 'node:crypto';
import { codeFromBytes, codeHint, formatCode, invitationIdOf, isWellFormedCode, normalizeCode, staffIdOf } from './invitation-code';

describe('invitation codes', () => {
  it('are 12 unambiguous characters and read back however they are typed', () => {
    const code = codeFromBytes(randomBytes(12));
    expect(isWellFormedCode(code)).toBe(true);
    expect(code).not.toMatch(/[01OIL]/);
    const typed = formatCode(code).toLowerCase().replace('-', ' - ');
    expect(normalizeCode(typed)).toBe(code);
    expect(invitationIdOf(typed)).toBe(invitationIdOf(code));
    expect(codeHint(formatCode(code))).toBe(code.slice(-4));
  });

  it('store only a hash: the id does not contain the code', () => {
    const code = 'ABCDEFGHJKMN';
    expect(invitationIdOf(code)).toMatch(/^inv_[0-9a-f]{48}$/);
    expect(invitationIdOf(code)).not.toContain(code);
    expect(invitationIdOf('ABCDEFGHJKMP')).not.toBe(invitationIdOf(code));
  });

  it('refuse malformed codes and give each openid one staff id', () => {
    expect(isWellFormedCode('ABC')).toBe(false);
    expect(isWellFormedCode('ABCDEFGHJKM0')).toBe(false);
    expect(staffIdOf('o1')).toBe(staffIdOf('o1'));
    expect(staffIdOf('o1')).not.toBe(staffIdOf('o2'));
  });
});
