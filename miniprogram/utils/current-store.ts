import { config } from '../config/index';

/**
 * The diner's 当前门店: the store of the last scanned store code or the one picked in 选择门店,
 * kept on the phone. Until the diner has chosen, the configured default store is shown.
 */
export interface CurrentStore {
  id: string;
  name: string;
}

const KEY = 'currentStore';

export function currentStore(): CurrentStore {
  const stored = wx.getStorageSync(KEY) as CurrentStore | '' | undefined;
  return stored && stored.id ? stored : config.homeStore;
}

export function setCurrentStore(store: CurrentStore): void {
  wx.setStorageSync(KEY, { id: store.id, name: store.name });
}
