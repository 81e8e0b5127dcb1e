import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract } from '../../typings/api/contract';
import { COLLECTION_OWNERS } from '../../cloudfunctions/shared/collections';
import { PROJECT_ROOT } from '../helpers/emulator';

/**
 * One name per context, one contract per context, one card per function: the function folder, its
 * contract file, the contract's `name`, its error band and its context card all agree.
 */
const functionsDir = join(PROJECT_ROOT, 'cloudfunctions');
const contexts = readdirSync(functionsDir).filter((name) => name !== 'shared' && statSync(join(functionsDir, name)).isDirectory());

function contractOf(context: string): Contract {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(join(PROJECT_ROOT, 'typings', 'api', `${context}.ts`)) as Record<string, unknown>;
  const contracts = Object.values(exported).filter(
    (value): value is Contract => !!value && typeof value === 'object' && 'actions' in value && 'errors' in value && 'name' in value,
  );
  expect(contracts).toHaveLength(1);
  return contracts[0];
}

function errorCodesOf(context: string): { name: string; code: number }[] {
  const file = join(functionsDir, context, 'src', 'errors.ts');
  if (!existsSync(file)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Errors } = require(file) as { Errors?: Record<string, { code: number }> };
  return Object.entries(Errors ?? {}).map(([name, spec]) => ({ name, code: spec.code }));
}

describe.each(contexts)('context %s', (context) => {
  const contract = contractOf(context);
  const card = existsSync(join(functionsDir, context, 'README.md')) ? readFileSync(join(functionsDir, context, 'README.md'), 'utf8') : '';
  const config = JSON.parse(readFileSync(join(functionsDir, context, 'config.json'), 'utf8')) as { triggers?: { name: string }[] };

  it('has a contract in typings/api/<context>.ts named like the function', () => {
    expect(contract.name).toBe(context);
    expect(Object.keys(contract.actions)).toContain('ping');
  });

  it("keeps its error codes inside the contract's band (last two digits)", () => {
    const outside = errorCodesOf(context).filter(({ code }) => code % 100 < contract.errors.from || code % 100 > contract.errors.to);
    expect(outside).toEqual([]);
  });

  it('has a context card (README.md) naming every action, timer and owned collection', () => {
    expect(card).toMatch(/^# /);
    const missing = [
      ...Object.keys(contract.actions).filter((action) => !card.includes(`\`${action}\``)),
      ...(config.triggers ?? []).map((t) => t.name).filter((trigger) => !card.includes(trigger)),
      ...Object.entries(COLLECTION_OWNERS)
        .filter(([, owner]) => owner === context)
        .map(([collection]) => collection)
        .filter((collection) => !card.includes(`\`${collection}\``)),
    ];
    expect(missing).toEqual([]);
  });
});

describe('error bands', () => {
  it('do not overlap between contexts', () => {
    const bands = contexts.map((context) => ({ context, ...contractOf(context).errors })).sort((a, b) => a.from - b.from);
    for (let i = 1; i < bands.length; i++) expect({ [bands[i].context]: bands[i].from > bands[i - 1].to }).toEqual({ [bands[i].context]: true });
  });
});

describe('collections', () => {
  it('each has one owner: a context or a shared kernel', () => {
    const owners = new Set([...contexts, ...readdirSync(join(functionsDir, 'shared')).map((name) => `shared/${name}`)]);
    const unknown = Object.entries(COLLECTION_OWNERS).filter(([, owner]) => !owners.has(owner));
    expect(unknown).toEqual([]);
  });
});
