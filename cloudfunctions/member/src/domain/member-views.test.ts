import { newMemberRecord } from '../../../shared/members/member-record';
import { DEFAULT_LEVELS, DEFAULT_PROGRAM } from '../../../shared/members/program';
import { toLedgerEntry, toProfile, toStaffView } from './member-views';

const member = {
  ...newMemberRecord('o-1', DEFAULT_LEVELS[0]),
  nickname: '小明',
  points: 40,
  totalEarned: 5100,
  tickets: 500,
  levelName: '旧标签',
};

describe('member views', () => {
  it('gives the owner the full phone and derives the level from totalEarned', () => {
    expect(toProfile(member, DEFAULT_PROGRAM, '13800138000')).toMatchObject({
      phone: '13800138000',
      level: { code: 'gold', name: '金卡会员', discountRate: 0.9 },
      nextLevel: { code: 'platinum', minPoints: 10000 },
      pointsToNext: 4900,
      progressPercent: 2,
    });
  });

  it('masks the phone for staff and carries nothing else identifying', () => {
    const view = toStaffView(member, DEFAULT_PROGRAM, '13800138000');
    expect(view).toEqual({ openid: 'o-1', nickname: '小明', phoneMasked: '138****8000', levelName: '金卡会员', points: 40, totalEarned: 5100, tickets: 500 });
    expect(JSON.stringify(view)).not.toContain('13800138000');
    expect(toStaffView(member, DEFAULT_PROGRAM, null).phoneMasked).toBeNull();
  });

  it('shows ledger times in Asia/Shanghai', () => {
    const entry = toLedgerEntry(
      { _id: 'payment:p', reason: '订单消费', sourceType: 'payment', balanceAfter: 76, createdAt: new Date('2026-01-08T04:00:00Z') },
      76,
    );
    expect(entry).toEqual({
      id: 'payment:p',
      change: 76,
      reason: '订单消费',
      sourceType: 'payment',
      balanceAfter: 76,
      createdAt: '2026-01-08T04:00:00.000Z',
      createdAtText: '2026-01-08 12:00',
    });
  });
});
