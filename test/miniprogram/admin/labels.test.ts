/** utils/labels/admin.ts: the admin context's labels. */
import { requireMiniprogram } from '../support/harness';

const { storeStatusLabel } = requireMiniprogram('utils/labels/admin');

describe('admin labels', () => {
  it('labels known store statuses and shows others as they are', () => {
    expect(storeStatusLabel('active')).toBe('营业中');
    expect(storeStatusLabel('closed')).toBe('已关店');
    expect(storeStatusLabel('renovating')).toBe('renovating');
  });
});
