/**
 * The one switch between CloudBase and the local emulator. Change `mode` here (not in pages
 * or services): 'cloud' calls wx.cloud.callFunction in `envId`; 'local' posts the same event
 * to the emulator's bridge `${localBaseUrl}/functions/<name>` (run `npm start`, and tick
 * 「不校验合法域名」 in WeChat DevTools).
 */
export type TransportMode = 'cloud' | 'local';

export interface AppConfig {
  mode: TransportMode;
  /** CloudBase environment id, used in cloud mode */
  envId: string;
  /** the emulator started by `npm start` */
  localBaseUrl: string;
  /** the restaurant this mini-program is deployed for, shown on 首页 */
  homeStore: { id: string; name: string };
}

export const config: AppConfig = {
  mode: 'cloud',
  envId: 'your-cloudbase-env-id',
  localBaseUrl: 'http://127.0.0.1:8787',
  homeStore: { id: 'rest_123456', name: '气候餐厅（示范店）' },
};
