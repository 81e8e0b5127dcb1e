import type { Session } from '../../../../typings/api/member';
import { config } from '../../../config/index';
import { errorMessage } from '../../../services/errors';
import { getDevIdentity, setDevIdentity, TEST_USERS } from '../../../utils/dev-identity';
import { toast } from '../../../utils/feedback';
import { ROLE_LABELS } from '../../../utils/labels/member';
import { loadSession } from '../../../utils/session';

const describeSession = (session: Session) => `${ROLE_LABELS[session.role]}${session.isStaff ? '（员工）' : ''}`;

/**
 * Local mode only: which test user the emulator bridge sees (x-wx-openid). The backend
 * decides the role from its data (staff collection), so the page shows the session it returns.
 */
Page({
  data: {
    localMode: config.mode === 'local',
    localBaseUrl: config.localBaseUrl,
    users: TEST_USERS.map((user) => ({ ...user })),
    currentOpenid: '',
    sessionLine: '',
  },

  onLoad() {
    if (!this.data.localMode) return;
    this.setData({ currentOpenid: getDevIdentity().openid });
    void this.showSession(false);
  },

  async onUserChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const user = TEST_USERS.find((candidate) => candidate.openid === e.detail.value);
    if (!user) return;
    setDevIdentity(user);
    this.setData({ currentOpenid: user.openid });
    if (await this.showSession(true)) toast(this, `已切换为${user.label}`, 'success');
  },

  async showSession(force: boolean): Promise<boolean> {
    this.setData({ sessionLine: '加载中…' });
    try {
      this.setData({ sessionLine: describeSession(await loadSession(force)) });
      return true;
    } catch (error) {
      this.setData({ sessionLine: `加载失败：${errorMessage(error)}` });
      return false;
    }
  },
});
