import { bodySignature, buildWebhookBody } from './webhook-body';

// Vectors computed independently: printf 'evt_1\nmenu.sync.completed\n2025-01-15T10:30:03.000Z' | openssl dgst -sha256 -hmac sk_test
const VECTOR = 'ced2d933dee54cbaff015374c57b4b300ba2e73d0336bcf8284b7d08f4e8e2b5';

describe('webhook body', () => {
  const record = { _id: 'evt_1', event: 'menu.sync.completed' as const, occurredAt: '2025-01-15T10:30:03.000Z', data: { syncId: 's1', totalCount: 2 } };

  it('signs event id, event and timestamp joined by newlines', () => {
    expect(bodySignature('sk_test', 'evt_1', 'menu.sync.completed', '2025-01-15T10:30:03.000Z')).toBe(VECTOR);
  });

  it('has the seed shape and is identical on every attempt', () => {
    const body = buildWebhookBody(record, 'sk_test');
    expect(JSON.parse(body)).toEqual({
      event: 'menu.sync.completed',
      timestamp: '2025-01-15T10:30:03.000Z',
      data: { syncId: 's1', totalCount: 2 },
      signature: VECTOR,
    });
    expect(buildWebhookBody(record, 'sk_test')).toBe(body);
    expect(buildWebhookBody(record, 'sk_other')).not.toBe(body);
  });
});
