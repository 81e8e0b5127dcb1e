/**
 * Issue #12 item 15, POS side: what a POS sees for a malformed order is Chinese, and names the
 * failing field once (no zod English such as "Too small: expected string", no "items items").
 */
import { demoIntegration, order, signedCall, startPosEnv, type PosTestEnv } from './support';

let env: PosTestEnv;

beforeAll(async () => {
  env = await startPosEnv();
});

afterAll(async () => {
  await env?.emulator.stop();
});

/** zod's English, and the English type names its Chinese locale still prints (期望 string …). */
const ENGLISH = /Too (?:small|big)|expected|received|Invalid|Required|\b(?:string|number|boolean|object|array|undefined)\b/i;

function countOf(text: string, word: string): number {
  return text.split(word).length - 1;
}

describe('POS validation messages', () => {
  it('an order with an empty itemName: Chinese, the field named once', async () => {
    const bad = order('BAD_NAME_1', { items: [{ menuItemId: 'menu_001', itemName: '', quantity: 2, unitPrice: 38, totalPrice: 76 }] });
    const reply = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', bad);
    expect(reply.status).toBe(400);
    const message = String(reply.json.message);
    expect(message).not.toMatch(ENGLISH);
    expect(message).toMatch(/[\u4e00-\u9fa5]/);
    expect(countOf(message, 'itemName')).toBe(1);
  });

  it('an order whose quantity has the wrong type: Chinese, the field named once', async () => {
    const bad = order('BAD_QTY_1', { items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 'two', unitPrice: 38, totalPrice: 76 }] });
    const reply = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', bad);
    expect(reply.status).toBe(400);
    const message = String(reply.json.message);
    expect(message).not.toMatch(ENGLISH);
    expect(message).toMatch(/[\u4e00-\u9fa5]/);
    expect(countOf(message, 'quantity')).toBe(1);
  });

  it('a batch with both faults: each result message is Chinese and names its field once', async () => {
    const orders = [
      order('BAD_BATCH_1', { items: [{ menuItemId: 'menu_001', itemName: '', quantity: 2, unitPrice: 38, totalPrice: 76 }] }),
      order('BAD_BATCH_2', { items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 'two', unitPrice: 38, totalPrice: 76 }] }),
      order('BAD_BATCH_3', { items: [] }),
    ];
    const reply = await signedCall(env, demoIntegration, 'POST', '/v1/pos/orders/batch-sync', { orders });
    const results = reply.json.data.results as { message: string }[];
    expect(results).toHaveLength(3);
    for (const [result, path, field] of [
      [results[0], 'items.0.itemName', 'itemName'],
      [results[1], 'items.0.quantity', 'quantity'],
      [results[2], 'items', 'items'],
    ] as const) {
      expect(result.message).not.toMatch(ENGLISH);
      // the full path, so the POS knows which line failed, and the field name only there
      expect(result.message).toContain(`参数校验失败: ${path} `);
      expect(countOf(result.message, field)).toBe(1);
    }
  });
});
