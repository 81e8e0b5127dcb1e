import type { z } from 'zod';
import { contracts } from '../kit/fuzz-requests';
import { objectShape } from '../kit/fuzz-inputs';

/**
 * Issue #12 item 5, as a rule over every contract in typings/api: a field that names an id
 * (`id`, `…Id`, `openid`) carries a character-set bound (`idSchema` or a stricter pattern), so a
 * newline, a line separator or a space never reaches a query or a log line. A new contract (or a
 * new field) with a plain `z.string()` id fails here.
 */
const ID_FIELD = /^(id|openid)$|Id$/;
const HOSTILE = ['a\nb', 'a\r\nb', 'a\u2028b', 'a\u2029b', 'a b', 'a\u0000b', 'x'.repeat(65), ''];

function idFields(): { where: string; schema: z.ZodType }[] {
  const found: { where: string; schema: z.ZodType }[] = [];
  for (const contract of contracts()) {
    for (const [action, spec] of Object.entries(contract.actions)) {
      for (const [field, schema] of Object.entries(objectShape(spec.input as z.ZodType) ?? {})) {
        if (ID_FIELD.test(field)) found.push({ where: `${contract.name}.${action}.${field}`, schema });
      }
    }
  }
  return found;
}

describe('contract ids', () => {
  it('finds the id fields of the contracts', () => {
    const where = idFields().map((f) => f.where);
    for (const known of [
      'ordering.getMyOrder.orderId',
      'admin.getStore.storeId',
      'member.adjustPoints.openid',
      'payment.quote.orderId',
      'pos-interface.getSyncLog.id',
    ])
      expect(where).toContain(known);
  });

  it.each(idFields().map((f) => [f.where, f.schema] as const))('%s refuses newlines, separators, spaces, NUL and over-long ids', (_where, schema) => {
    const accepted = HOSTILE.filter((value) => schema.safeParse(value).success);
    expect(accepted).toEqual([]);
  });
});
