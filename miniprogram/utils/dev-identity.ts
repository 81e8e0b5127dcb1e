/**
 * Local mode has no WeChat login: the emulator's bridge takes the caller's openid from the
 * `x-wx-openid` header. The dev settings page picks one of these test users and stores it;
 * the transport reads it on every call. Cloud mode ignores all of this (WeChat supplies OPENID).
 */
export interface TestUser {
  openid: string;
  label: string;
  /** what the emulator's demo data makes this user; the backend decides the real role */
  roleLabel: string;
}

export const TEST_USERS: readonly TestUser[] = [
  { openid: 'demo-diner-openid', label: '示范顾客', roleLabel: '顾客' },
  // a second diner at the same table: the shared table cart shows whose line is whose (README walk)
  { openid: 'demo-diner2-openid', label: '示范同桌顾客', roleLabel: '顾客（同桌）' },
  { openid: 'demo-admin-openid', label: '示范管理员', roleLabel: '管理员（全部门店）' },
  { openid: 'demo-manager-openid', label: '示范店长', roleLabel: '店长（示范店）' },
  { openid: 'demo-clerk-openid', label: '示范店员', roleLabel: '店员（示范店）' },
];

export const DEV_IDENTITY_STORAGE_KEY = 'dev.identity';

export function getDevIdentity(): TestUser {
  const stored = wx.getStorageSync(DEV_IDENTITY_STORAGE_KEY) as Partial<TestUser> | '' | undefined;
  if (stored && typeof stored === 'object' && typeof stored.openid === 'string' && stored.openid) {
    return (
      TEST_USERS.find((user) => user.openid === stored.openid) ?? {
        openid: stored.openid,
        label: stored.label ?? stored.openid,
        roleLabel: stored.roleLabel ?? '',
      }
    );
  }
  return TEST_USERS[0];
}

export function setDevIdentity(user: TestUser): void {
  wx.setStorageSync(DEV_IDENTITY_STORAGE_KEY, { openid: user.openid, label: user.label, roleLabel: user.roleLabel });
}
