import { existsSync, readFileSync } from 'node:fs';
import { CABINET_OPENAPI_PATH, renderCabinetOpenApi } from '../../scripts/gen-cabinet-openapi';

/** The vendor protocol document is generated from the zod schemas and checked in current. */
describe('docs/cabinet-api/openapi.json', () => {
  it('is what the schemas generate (run npm run docs:cabinet-openapi)', () => {
    expect(existsSync(CABINET_OPENAPI_PATH)).toBe(true);
    expect(readFileSync(CABINET_OPENAPI_PATH, 'utf8')).toBe(renderCabinetOpenApi());
  });
  it('documents every inbound route and outbound call with its schema', () => {
    const doc = JSON.parse(renderCabinetOpenApi()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toHaveLength(8);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CabinetOrderPush', 'CabinetDoorEvent', 'CabinetAlarm', 'CabinetOpenDoorCommand']),
    );
  });
});
