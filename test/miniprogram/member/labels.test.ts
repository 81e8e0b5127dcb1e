/** utils/labels/member.ts: the member context's labels, shared by 首页, 我的, 工作台, 开发设置, 会员中心 and checkout. */
import { requireMiniprogram } from '../support/harness';

const { ROLE_LABELS, discountLabel, memberSummaryLine } = requireMiniprogram('utils/labels/member');

describe('member labels', () => {
  it('names every session role', () => {
    expect(ROLE_LABELS).toEqual({ diner: '顾客', admin: '管理员', manager: '店长', clerk: '店员' });
  });

  it.each([
    [1, '无折扣'],
    [1.2, '无折扣'],
    [0.95, '9.5 折'],
    [0.9, '9 折'],
    [0.88, '8.8 折'],
    [0.955, '9.55 折'],
  ])('discountLabel(%p) is %p', (rate, label) => {
    expect(discountLabel(rate)).toBe(label);
  });

  it('summarises a member as level and points, 会员 when the level has no name', () => {
    expect(memberSummaryLine({ nickname: '小明', levelName: '绿叶会员', points: 120 })).toBe('绿叶会员 · 120 积分');
    expect(memberSummaryLine({ nickname: '', levelName: '', points: 0 })).toBe('会员 · 0 积分');
  });
});
