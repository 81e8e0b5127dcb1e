import { boundBatchResults } from './batch-reply';

const result = (index: number, lines: number) => ({
  index,
  code: 0,
  data: {
    orderId: `O${index}`,
    carbonImpact: { totalCarbonFootprint: 1 },
    items: Array.from({ length: lines }, () => ({ menuItemId: 'menu_001', carbonFootprint: 0.5 })),
  },
});

describe('boundBatchResults', () => {
  it('leaves a reply that fits untouched', () => {
    const results = [result(0, 3), { index: 1, code: 40001, data: null }, result(2, 3)];
    expect(boundBatchResults(results, 100_000)).toEqual({ results, itemsOmittedCount: 0 });
  });

  it('keeps whole results in order up to the budget, then omits per-dish items (flagged) and keeps the order figures', () => {
    const results = Array.from({ length: 10 }, (_, i) => result(i, 50));
    const full = Buffer.byteLength(JSON.stringify(results));
    const { results: bounded, itemsOmittedCount } = boundBatchResults(results, Math.floor(full / 2));
    expect(itemsOmittedCount).toBeGreaterThan(0);
    expect(itemsOmittedCount).toBeLessThan(10);
    const firstOmitted = bounded.findIndex((r) => 'itemsOmitted' in r);
    // a prefix keeps its items, everything after the first omitted result is omitted too
    expect(bounded.slice(0, firstOmitted).every((r) => !('itemsOmitted' in r) && (r.data as { items: unknown[] }).items.length === 50)).toBe(true);
    expect(bounded.slice(firstOmitted).every((r) => 'itemsOmitted' in r && !('items' in (r.data as object)))).toBe(true);
    expect(bounded[9].data).toEqual({ orderId: 'O9', carbonImpact: { totalCarbonFootprint: 1 } });
    expect(Buffer.byteLength(JSON.stringify(bounded))).toBeLessThanOrEqual(Math.floor(full / 2));
  });

  it('failed results (data null) pass through', () => {
    const results = [{ index: 0, code: 40001, data: null }, result(1, 100)];
    const { results: bounded } = boundBatchResults(results, 1500);
    expect(bounded[0]).toBe(results[0]);
    expect(bounded[1]).toMatchObject({ itemsOmitted: true });
  });
});
