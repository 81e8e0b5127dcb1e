/** Sessions as member.getSession returns them, for page tests that stub the backend. */
export const dinerSession = { openid: 'o-diner', role: 'diner', isStaff: false, member: { nickname: '小明', levelName: '绿叶会员', points: 120 } };
export const adminSession = { openid: 'o-admin', role: 'admin', isStaff: true, staff: { name: '王店长', role: 'admin', storeIds: ['s1'] }, member: null };
export const managerSession = {
  openid: 'o-manager',
  role: 'manager',
  isStaff: true,
  staff: { name: '李店长', role: 'manager', storeIds: ['s1', 's2'] },
  member: null,
};
export const clerkSession = { openid: 'o-clerk', role: 'clerk', isStaff: true, staff: { name: '小李', role: 'clerk', storeIds: ['s1'] }, member: null };
