import { readFileSync } from 'node:fs';
import { collectErrorCodes, ERROR_DOC_PATH, renderErrorDoc } from '../../scripts/gen-error-docs';

describe('error-code table', () => {
  const rows = collectErrorCodes();

  it('has unique codes whose class matches an HTTP status family', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const row of rows) {
      expect(String(row.code)).toMatch(/^(400|401|403|404|409|413|429|500|502)\d\d$/);
    }
  });

  it('docs/error-codes.md is current (run `npm run docs:errors`)', () => {
    expect(readFileSync(ERROR_DOC_PATH, 'utf8')).toBe(renderErrorDoc(rows));
  });
});
