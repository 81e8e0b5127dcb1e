/** docs/carbon-methodology.md lists the factor table; this keeps it from drifting from the code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINES } from './baselines';
import { COOKING_FACTORS } from './cooking';
import { EMISSION_FACTORS } from './emission-factors';

const doc = readFileSync(join(__dirname, '../../../../docs/carbon-methodology.md'), 'utf8');
const rows = doc.split('\n').filter((line) => line.startsWith('| '));
const cells = (line: string): string[] => line.split('|').map((cell) => cell.trim());

describe('carbon methodology document', () => {
  it.each(EMISSION_FACTORS.map((f) => [f.id, f] as const))('lists %s with its current factor', (id, factor) => {
    const row = rows.find((line) => cells(line)[2] === `\`${id}\``);
    expect(row).toBeDefined();
    expect(cells(row!)[1]).toBe(factor.name);
    expect(Number(cells(row!)[5])).toBeCloseTo(factor.factor, 4);
  });

  it.each(COOKING_FACTORS.map((c) => [c.method, c.factor] as const))('lists cooking method %s with factor %p', (method, factor) => {
    const row = rows.find((line) => cells(line)[1] === `\`${method}\``);
    expect(row).toBeDefined();
    expect(Number(cells(row!).at(-2))).toBe(factor);
  });

  it.each(BASELINES.map((b) => [b.name, b.value] as const))('states the %s baseline %p', (name, value) => {
    const row = rows.find((line) => new RegExp(`^${name}(（| |$)`).test(cells(line)[1]));
    expect(row).toBeDefined();
    expect(cells(row!).at(-2)).toBe(`**${value}**`);
  });
});
