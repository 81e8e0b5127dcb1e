import { toHttpRequest } from './http';

const event = (overrides: Record<string, unknown>) => ({
  path: '/v1/pos/orders',
  httpMethod: 'GET',
  headers: {},
  queryStringParameters: {},
  body: '',
  isBase64Encoded: false,
  ...overrides,
});

describe('toHttpRequest: the signed request line', () => {
  it('rebuilds the query from what the gateway passed when no header carries it', () => {
    expect(toHttpRequest(event({ queryStringParameters: { page: '2' } })).pathWithQuery).toBe('/v1/pos/orders?page=2');
  });

  it('keeps the exact bytes of X-Original-URI when they say the same as the gateway (order, encoding)', () => {
    const req = toHttpRequest(event({ queryStringParameters: { b: '1', a: 'x y' }, headers: { 'X-Original-URI': '/v1/pos/orders?b=1&a=x%20y' } }));
    expect(req.pathWithQuery).toBe('/v1/pos/orders?b=1&a=x%20y');
  });

  it('ignores a client-supplied X-Original-URI whose query differs from the real one', () => {
    const forged = toHttpRequest(event({ queryStringParameters: { storeId: 'victim' }, headers: { 'x-original-uri': '/v1/pos/orders?storeId=mine' } }));
    expect(forged.pathWithQuery).toBe('/v1/pos/orders?storeId=victim');
    const extra = toHttpRequest(event({ queryStringParameters: {}, headers: { 'x-original-uri': '/v1/pos/orders?x=1' } }));
    expect(extra.pathWithQuery).toBe('/v1/pos/orders');
    const dropped = toHttpRequest(event({ queryStringParameters: { page: '1' }, headers: { 'x-original-uri': '/v1/pos/orders' } }));
    expect(dropped.pathWithQuery).toBe('/v1/pos/orders?page=1');
    const otherPath = toHttpRequest(event({ headers: { 'x-original-uri': '/v1/pos/other' } }));
    expect(otherPath.pathWithQuery).toBe('/v1/pos/orders');
  });
});
