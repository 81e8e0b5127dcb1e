/** Sessions as member.getSession returns them, for page tests that stub the backend. */
export const dinerSession = { openid: 'o-diner', role: 'diner', isStaff: false, member: { nickname: '小明', levelName: '绿叶会员', points: 120 } };
export const adminSession = { openid: 'o-admin', role: 'admin', isStaff: true, staff: { name: '王店长', role: 'admin', storeIds: ['s1'] }, member: null };
