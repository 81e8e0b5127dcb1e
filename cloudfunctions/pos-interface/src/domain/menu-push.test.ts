import { abandonedPushPatch, applyChunkResult, finalStatus, isAbandoned, MAX_RECORDED_FAILED_ITEMS } from './menu-push';

const empty = { successCount: 0, failedCount: 0, failedItems: [], chunksDone: 0 };

describe('menu push progress', () => {
  it('counts the items the POS did not report as failed as successes', () => {
    const next = applyChunkResult(empty, ['a', 'b', 'c'], { ok: true, failedItems: [{ itemId: 'b', reason: '价格缺失' }] });
    expect(next).toEqual({ chunksDone: 1, successCount: 2, failedCount: 1, failedItems: [{ itemId: 'b', reason: '价格缺失' }] });
  });

  it('ignores failures the POS reports for items outside the chunk', () => {
    const next = applyChunkResult(empty, ['a'], { ok: true, failedItems: [{ itemId: 'zzz', reason: '?' }] });
    expect(next).toMatchObject({ successCount: 1, failedCount: 0, failedItems: [] });
  });

  it('fails every item of a chunk whose request failed', () => {
    const next = applyChunkResult({ ...empty, successCount: 5, chunksDone: 1 }, ['x', 'y'], { ok: false, failedItems: [], error: 'HTTP 502' });
    expect(next).toEqual({
      chunksDone: 2,
      successCount: 5,
      failedCount: 2,
      failedItems: [
        { itemId: 'x', reason: 'HTTP 502' },
        { itemId: 'y', reason: 'HTTP 502' },
      ],
    });
  });

  it('caps the recorded failed items but keeps the count exact', () => {
    const ids = Array.from({ length: MAX_RECORDED_FAILED_ITEMS + 20 }, (_, i) => `m${i}`);
    const next = applyChunkResult(empty, ids, { ok: false, failedItems: [], error: 'timeout' });
    expect(next.failedCount).toBe(ids.length);
    expect(next.failedItems).toHaveLength(MAX_RECORDED_FAILED_ITEMS);
  });

  it('derives the final status', () => {
    expect(finalStatus({ totalCount: 3, successCount: 3, failedCount: 0 })).toBe('success');
    expect(finalStatus({ totalCount: 3, successCount: 1, failedCount: 2 })).toBe('partial');
    expect(finalStatus({ totalCount: 3, successCount: 0, failedCount: 3 })).toBe('failed');
    expect(finalStatus({ totalCount: 0, successCount: 0, failedCount: 0 })).toBe('success');
  });
});

describe('cut-off pushes', () => {
  const startedAt = new Date('2025-01-15T10:00:00Z');
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);

  it('a running push is abandoned only once the function timeout and a grace period have passed', () => {
    expect(isAbandoned({ status: 'running', startedAt }, at(65), 60_000)).toBe(false);
    expect(isAbandoned({ status: 'running', startedAt }, at(71), 60_000)).toBe(true);
    expect(isAbandoned({ status: 'partial', startedAt }, at(600), 60_000)).toBe(false);
  });

  it('closes it as failed with the unsent dishes counted as failed', () => {
    expect(abandonedPushPatch({ totalCount: 450, successCount: 199 }, at(80))).toEqual({
      status: 'failed',
      finishedAt: at(80),
      abortReason: expect.stringContaining('推送中断'),
      failedCount: 251,
    });
  });
});
