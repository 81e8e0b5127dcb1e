import { readFileSync } from 'node:fs';
import { collectConfigurations, CONFIG_DOC_PATH, renderConfigDoc } from '../../scripts/gen-config-docs';

describe('configuration table', () => {
  const configs = collectConfigurations();

  it('every function that reads configuration declares it', () => {
    expect(configs.map((c) => c.fn)).toEqual(expect.arrayContaining(['admin', 'member', 'ordering', 'payment', 'pos-interface']));
  });

  it('docs/configuration.md is current (run `npm run docs:config`)', () => {
    expect(readFileSync(CONFIG_DOC_PATH, 'utf8')).toBe(renderConfigDoc(configs));
  });
});
