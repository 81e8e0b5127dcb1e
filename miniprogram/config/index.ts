/**
 * The one switch between CloudBase and the local emulator, set here (not in pages or services):
 * 'cloud' calls wx.cloud.callFunction in `envId`; 'local' posts the same event to the emulator's
 * bridge `${LOCAL_BASE_URL}/functions/<name>` (run `npm start`, and tick 「不校验合法域名」 in
 * WeChat DevTools). Until a CloudBase environment is filled in, the app runs against the local
 * emulator, so a fresh checkout opened in DevTools (tourist AppID, no cloud) works as is.
 */
export type TransportMode = 'cloud' | 'local';

export interface AppConfig {
  mode: TransportMode;
  /** CloudBase environment id, used in cloud mode */
  envId: string;
  /** the emulator started by `npm start` (LOCAL_BASE_URL below) */
  localBaseUrl: string;
  /** the restaurant this mini-program is deployed for, shown on 首页 */
  homeStore: { id: string; name: string };
}

/** Your CloudBase environment id; leave it empty to use the local emulator. */
const CLOUD_ENV_ID = '';

/**
 * The one setting for where local mode finds the emulator: `npm start` prints the value to put
 * here (小程序本地地址) — change it when you start with another PORT, or, for a real device, to
 * this computer's LAN address (with `HOST=0.0.0.0 npm start`).
 */
const LOCAL_BASE_URL = 'http://127.0.0.1:8787';

export const config: AppConfig = {
  mode: CLOUD_ENV_ID ? 'cloud' : 'local',
  envId: CLOUD_ENV_ID,
  localBaseUrl: LOCAL_BASE_URL,
  homeStore: { id: 'rest_123456', name: '气候餐厅（示范店）' },
};
