/**
 * What the two OpenAPI generators (scripts/gen-openapi.ts for the POS API,
 * scripts/gen-cabinet-openapi.ts for the 小麦 vendor protocol) share: how a zod schema becomes a
 * component reference or an inline JSON schema, and the write / `--check` command line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const componentRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** A schema with a component id (from `idOf`) becomes a reference; others are inlined. */
export function schemaRenderer(idOf: (schema: z.ZodType) => string | undefined) {
  return (schema: z.ZodType): Record<string, unknown> => {
    const id = idOf(schema);
    if (id) return componentRef(id);
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  };
}

/** The generator's command line: write the file, or with `--check` exit 1 when the checked-in one is stale. */
export function writeOrCheck(path: string, text: string, staleMessage: string): void {
  if (process.argv.includes('--check')) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current !== text) {
      console.error(staleMessage);
      process.exit(1);
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
