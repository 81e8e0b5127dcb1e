import { replyExcerpt } from './exchange-log';

describe('replyExcerpt (connection test reply shown to staff)', () => {
  it('keeps the first 200 characters with every mobile number masked', () => {
    expect(replyExcerpt('{"contact":"13800138000"}')).toBe('{"contact":"138****8000"}');
    expect(replyExcerpt('x'.repeat(300))).toHaveLength(200);
  });

  it('masks a number that straddles the cut instead of leaking its first digits', () => {
    const text = `${'x'.repeat(195)}13800138000 tail`;
    const excerpt = replyExcerpt(text);
    expect(excerpt).toBe(`${'x'.repeat(195)}138**`);
    expect(excerpt).not.toContain('13800');
  });
});
