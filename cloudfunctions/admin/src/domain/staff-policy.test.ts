import { refuseGrant, refuseStaffChange, type Actor } from './staff-policy';

const admin: Actor = { openid: 'a', role: 'admin', storeIds: [] };
const manager: Actor = { openid: 'm', role: 'manager', storeIds: ['s1', 's2'] };

describe('staff policy', () => {
  it('admins grant anything; managers only their stores and never admin', () => {
    expect(refuseGrant(admin, 'admin', [])).toBeNull();
    expect(refuseGrant(manager, 'clerk', ['s1'])).toBeNull();
    expect(refuseGrant(manager, 'manager', ['s1', 's2'])).toBeNull();
    expect(refuseGrant(manager, 'admin', ['s1'])).toMatch('管理员');
    expect(refuseGrant(manager, 'clerk', ['s3'])).toMatch('自己门店');
    expect(refuseGrant(manager, 'clerk', [])).toMatch('自己的门店');
    expect(refuseGrant({ openid: 'c', role: 'clerk', storeIds: ['s1'] }, 'clerk', ['s1'])).not.toBeNull();
  });

  it('nobody changes themselves; managers manage only their stores’ non-admins', () => {
    expect(refuseStaffChange(admin, { openid: 'a', role: 'admin', storeIds: [], status: 'active' }, { status: 'disabled' }, 2)).toMatch('自己');
    expect(refuseStaffChange(manager, { openid: 'x', role: 'clerk', storeIds: ['s1'], status: 'active' }, { storeIds: ['s2'] }, 1)).toBeNull();
    expect(refuseStaffChange(manager, { openid: 'x', role: 'clerk', storeIds: ['s9'], status: 'active' }, { status: 'disabled' }, 1)).toMatch('自己门店');
    expect(refuseStaffChange(manager, { openid: 'x', role: 'admin', storeIds: [], status: 'active' }, { status: 'disabled' }, 3)).toMatch('管理员');
    expect(refuseStaffChange(manager, { openid: 'x', role: 'clerk', storeIds: ['s1'], status: 'active' }, { role: 'admin' }, 1)).toMatch('管理员');
  });

  it('keeps at least one active admin', () => {
    const other = { openid: 'b', role: 'admin' as const, storeIds: [], status: 'active' as const };
    expect(refuseStaffChange(admin, other, { status: 'disabled' }, 1)).toMatch('最后一位');
    expect(refuseStaffChange(admin, other, { role: 'manager' }, 1)).toMatch('最后一位');
    expect(refuseStaffChange(admin, other, { status: 'disabled' }, 2)).toBeNull();
  });
});
