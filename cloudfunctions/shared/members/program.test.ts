import { DEFAULT_PROGRAM, programFromDocument } from './program';

describe('programFromDocument', () => {
  it('uses the seed defaults when nothing is stored', () => {
    expect(programFromDocument(null)).toBe(DEFAULT_PROGRAM);
    expect(DEFAULT_PROGRAM.levels.map((l) => [l.name, l.minPoints, l.discountPermille])).toEqual([
      ['普通会员', 0, 1000],
      ['银卡会员', 1000, 950],
      ['金卡会员', 5000, 900],
      ['白金会员', 10000, 850],
    ]);
  });

  it('accepts a stored programme and sorts its levels', () => {
    const program = programFromDocument({
      _id: 'program',
      levels: [
        { code: 'vip', name: 'VIP', minPoints: 500, discountPermille: 880 },
        { code: 'base', name: '会员', minPoints: 0, discountPermille: 1000 },
      ],
      rules: { pointsPerYuan: 2, ticketsPerYuan: 100 },
    });
    expect(program.levels.map((l) => l.code)).toEqual(['base', 'vip']);
    expect(program.rules.pointsPerYuan).toBe(2);
  });

  it('falls back to the defaults for a malformed document (no entry level)', () => {
    expect(
      programFromDocument({ levels: [{ code: 'x', name: 'x', minPoints: 5, discountPermille: 900 }], rules: { pointsPerYuan: 1, ticketsPerYuan: 500 } }),
    ).toBe(DEFAULT_PROGRAM);
  });
});
