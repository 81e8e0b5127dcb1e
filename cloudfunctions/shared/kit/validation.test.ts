import { z } from 'zod';
import { AppError } from './errors';
import { describeIssue, parseInput } from './validation';

function failureOf(schema: z.ZodType, input: unknown): AppError {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('validation messages', () => {
  const order = z
    .object({ items: z.array(z.object({ itemName: z.string().min(1), qty: z.number().int() })).min(1, 'items 至少一项'), note: z.string().optional() })
    .strict();

  it("uses zod's Chinese locale: no English reaches callers", () => {
    const error = failureOf(order, { items: [{ itemName: '', qty: 1.5 }], extra: true });
    const texts = [error.message, ...(error.details?.issues ?? []).map((issue) => issue.message)];
    for (const text of texts) expect(text).not.toMatch(/Too small|Invalid|expected|Unrecognized|Required/);
    expect(error.message).toBe(`参数校验失败: items.0.itemName ${error.details!.issues![0].message}`);
    expect(error.details!.issues![0].message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names the field once when the schema message already does', () => {
    expect(failureOf(order, { items: [] }).message).toBe('参数校验失败: items 至少一项');
    expect(describeIssue('items.0.qty', 'qty 必须为整数')).toBe('qty 必须为整数');
    expect(describeIssue('items.0.qty', '必须为整数')).toBe('items.0.qty 必须为整数');
  });

  it('reports a missing field in Chinese with its path', () => {
    const error = failureOf(z.object({ orderId: z.string() }).strict(), {});
    expect(error.details).toMatchObject({ field: 'orderId' });
    expect(error.message).toMatch(/^参数校验失败: orderId 无效输入/);
  });
});
