import { authorizationCodeFor, decidePermissionChange, parsePayScoreTime, stateFromQuery } from './permission-state';

describe('Pay Score permission rules', () => {
  const at = (iso: string) => new Date(iso);

  it('applies the first event and newer ones, ignores older and repeated ones', () => {
    expect(decidePermissionChange(null, { state: 'authorized', changedAt: at('2026-12-04T10:00:00Z') })).toBe('apply');
    const stored = { state: 'unauthorized' as const, changedAt: at('2026-12-04T10:05:00Z') };
    expect(decidePermissionChange(stored, { state: 'authorized', changedAt: at('2026-12-04T10:00:00Z') })).toBe('stale');
    expect(decidePermissionChange(stored, { state: 'unauthorized', changedAt: at('2026-12-04T10:05:00Z') })).toBe('duplicate');
    expect(decidePermissionChange(stored, { state: 'authorized', changedAt: at('2026-12-04T10:05:00Z') })).toBe('apply');
    expect(decidePermissionChange(stored, { state: 'authorized', changedAt: at('2026-12-04T10:06:00Z') })).toBe('apply');
  });

  it('reads Pay Score times as Beijing time', () => {
    expect(parsePayScoreTime('20261204180000')?.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(parsePayScoreTime('2026-12-04T18:00:00+08:00')?.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(parsePayScoreTime('later')).toBeNull();
    expect(parsePayScoreTime(undefined)).toBeNull();
  });

  it('derives a stable 32-character authorization code and reads query states', () => {
    expect(authorizationCodeFor('o-abc')).toHaveLength(32);
    expect(authorizationCodeFor('o-abc')).toBe(authorizationCodeFor('o-abc'));
    expect(authorizationCodeFor('o-abc')).not.toBe(authorizationCodeFor('o-abd'));
    expect(stateFromQuery('AVAILABLE')).toBe('authorized');
    expect(stateFromQuery('UNAVAILABLE')).toBe('unauthorized');
    expect(stateFromQuery('UNBINDUSER')).toBe('unauthorized');
  });
});
