import { cartLineId, keyMatches, newTableId, newTableKey, parseScene, sceneOf } from './table-code';

describe('table codes', () => {
  it('builds a scene within 32 characters and parses it back (also URL-encoded)', () => {
    const tableId = newTableId();
    const key = newTableKey();
    const scene = sceneOf(tableId, key);
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(parseScene(scene)).toEqual({ tableId, key });
    expect(parseScene(encodeURIComponent(scene))).toEqual({ tableId, key });
  });

  it('refuses malformed scenes', () => {
    for (const bad of ['', 'nodot', '.abcdefghij', 'tA01.short', 'tA01.abcdefghi!', 'a.b.c', '%E0%A4%A']) expect(parseScene(bad)).toBeNull();
  });

  it('compares keys', () => {
    expect(keyMatches('abcdefghij', 'abcdefghij')).toBe(true);
    expect(keyMatches('abcdefghij', 'abcdefghik')).toBe(false);
  });

  it('gives one line id per diner and dish in a round', () => {
    expect(cartLineId('tA01', 3, 'o1', 'd1')).toBe(cartLineId('tA01', 3, 'o1', 'd1'));
    expect(cartLineId('tA01', 3, 'o1', 'd1')).not.toBe(cartLineId('tA01', 3, 'o2', 'd1'));
    expect(cartLineId('tA01', 3, 'o1', 'd1')).not.toBe(cartLineId('tA01', 4, 'o1', 'd1'));
    expect(cartLineId('tA01', 3, 'o1', 'rest_123456:menu_001').length).toBeLessThanOrEqual(64);
  });

  it('makes keys of the key alphabet', () => {
    for (let i = 0; i < 50; i++) expect(newTableKey()).toMatch(/^[A-Za-z0-9]{10}$/);
  });
});
