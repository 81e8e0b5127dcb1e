import { readFileSync } from 'node:fs';
import { OPENAPI_PATH, renderOpenApi } from '../../scripts/gen-openapi';

describe('docs/pos-api/openapi.json', () => {
  it('is current: regenerating from the zod schemas gives the checked-in file (npx tsx scripts/gen-openapi.ts)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(renderOpenApi());
  });

  it('is OpenAPI 3.1 with every /v1/pos route and the request schemas the routes validate with', () => {
    const doc = JSON.parse(renderOpenApi());
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/pos/menu/sync',
      '/v1/pos/oauth/token',
      '/v1/pos/order/sync',
      '/v1/pos/orders/batch-sync',
      '/v1/pos/ping',
      '/v1/pos/webhooks/{integrationId}',
    ]);
    const order = doc.components.schemas.OrderSyncRequest;
    expect(order.required).toEqual(expect.arrayContaining(['orderId', 'restaurantId', 'orderTime', 'items', 'totalAmount']));
    expect(order.properties.transactionType.enum).toEqual(['sale', 'refund', 'void']);
    expect(doc.paths['/v1/pos/orders/batch-sync'].post.responses['413'].description).toContain('41310');
    expect(doc.paths['/v1/pos/order/sync'].post.responses['429'].headers['Retry-After']).toBeDefined();
  });
});

describe('docs/pos-api/README.md', () => {
  it('lists every pos-interface error code with its current message', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Errors } = require('../../cloudfunctions/pos-interface/src/errors') as typeof import('../../cloudfunctions/pos-interface/src/errors');
    const readme = readFileSync(OPENAPI_PATH.replace('openapi.json', 'README.md'), 'utf8');
    for (const [name, spec] of Object.entries(Errors))
      expect(readme).toContain(`| ${spec.code} | ${Math.floor(spec.code / 100)} | ${name} | ${spec.message} | ${spec.description} |`);
  });
});
