/**
 * Contract of `member.getSession`: who the caller is, as the mini-program needs it on launch.
 * Type-only: imported with `import type` by the mini-program and the functions, so nothing
 * here crosses the two runtime roots.
 */
export type StaffRole = 'admin' | 'manager' | 'clerk';

/** `diner` for everyone who is not an active staff member. */
export type SessionRole = 'diner' | StaffRole;

export interface SessionStaff {
  name: string;
  role: StaffRole;
  storeIds: string[];
}

/** The minimal member view; full profiles live behind the member function's own actions. */
export interface SessionMember {
  nickname: string;
  levelName: string;
  points: number;
}

export interface Session {
  openid: string;
  role: SessionRole;
  isStaff: boolean;
  /** present only for active staff */
  staff?: SessionStaff;
  /** null until the caller has a member profile */
  member: SessionMember | null;
}
