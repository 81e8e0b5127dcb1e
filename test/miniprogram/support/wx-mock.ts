/**
 * A recording `wx` for page tests. Every API call is appended to `calls`; behaviour that a
 * test needs to steer (scanCode results, the transport boundary) goes through `handlers`, so
 * it can be changed after miniprogram-simulate has merged this object into its own `wx`.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface WxCall {
  api: string;
  options: any;
}

type AsyncHandler = (options: any) => any | Promise<any>;

export interface WxMock {
  /** the object installed as global `wx` (merged over miniprogram-simulate's API at load) */
  wx: Record<string, any>;
  calls: WxCall[];
  storage: Map<string, unknown>;
  handlers: {
    /** wx.cloud.callFunction({name, data}) → `{result}`; throw `{errCode, errMsg}` to fail */
    callFunction: AsyncHandler;
    /** wx.request(options) → `{statusCode, data, header}`; throw `{errMsg}` to fail */
    request: AsyncHandler;
    /** wx.scanCode → `{result, scanType, path?}`; throw `{errMsg: 'scanCode:fail cancel'}` to cancel */
    scanCode: AsyncHandler;
    /** wx.showModal → `{confirm, cancel}` */
    showModal: AsyncHandler;
    /** wx.cloud.database() → a database whose `watch()` the test drives */
    database: () => any;
  };
  /** calls of one API, newest last */
  callsOf(api: string): any[];
  /** forget calls and storage; handlers back to defaults */
  reset(): void;
}

const notConfigured = (api: string) => () => {
  throw { errMsg: `${api}:fail not stubbed in this test (see test/README.md)` };
};

export function createWxMock(): WxMock {
  const calls: WxCall[] = [];
  const storage = new Map<string, unknown>();
  const defaults = (): WxMock['handlers'] => ({
    callFunction: notConfigured('cloud.callFunction'),
    request: notConfigured('request'),
    scanCode: () => ({ errMsg: 'scanCode:fail cancel' }),
    showModal: () => ({ errMsg: 'showModal:ok', confirm: true, cancel: false }),
    // by default a database whose watch stays open and never changes (recorded as `cloud.watch`)
    database: () => {
      const query: Record<string, any> = {
        where: () => query,
        orderBy: () => query,
        limit: () => query,
        watch: (options: unknown) => {
          calls.push({ api: 'cloud.watch', options });
          return { close: async () => undefined };
        },
      };
      return { command: { in: (values: unknown[]) => ({ $in: values }) }, collection: () => query };
    },
  });
  const handlers = defaults();
  const record = (api: string, options: any) => calls.push({ api, options });

  /**
   * WeChat's async API contract: with success/fail/complete callbacks they are called (and
   * nothing is returned); without them a Promise is returned. Callbacks fire asynchronously.
   */
  const asyncApi =
    (api: string, run: (options: any) => any = () => ({})) =>
    (options: any = {}) => {
      record(api, options);
      const outcome = Promise.resolve()
        .then(() => run(options))
        .then((result) => ({ errMsg: `${api}:ok`, ...(result ?? {}) }));
      const hasCallbacks = ['success', 'fail', 'complete'].some((k) => typeof options[k] === 'function');
      if (!hasCallbacks) return outcome;
      outcome.then(
        (res) => {
          options.success?.(res);
          options.complete?.(res);
        },
        (err) => {
          const res = { errMsg: `${api}:fail`, ...(err && typeof err === 'object' ? err : { errMsg: String(err) }) };
          options.fail?.(res);
          options.complete?.(res);
        },
      );
      return api === 'request' ? { abort: () => undefined, onHeadersReceived: () => undefined, offHeadersReceived: () => undefined } : undefined;
    };

  const syncApi =
    (api: string, run: (...args: any[]) => any = () => undefined) =>
    (...args: any[]) => {
      record(api, args.length <= 1 ? args[0] : args);
      return run(...args);
    };

  const wx: Record<string, any> = {
    navigateTo: asyncApi('navigateTo'),
    redirectTo: asyncApi('redirectTo'),
    switchTab: asyncApi('switchTab'),
    reLaunch: asyncApi('reLaunch'),
    navigateBack: asyncApi('navigateBack'),
    navigateToMiniProgram: asyncApi('navigateToMiniProgram'),
    showToast: asyncApi('showToast'),
    hideToast: asyncApi('hideToast'),
    showLoading: asyncApi('showLoading'),
    hideLoading: asyncApi('hideLoading'),
    showModal: asyncApi('showModal', (o) => handlers.showModal(o)),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle'),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh'),
    vibrateShort: asyncApi('vibrateShort'),
    previewImage: asyncApi('previewImage'),
    // 后厨看板's new-order sound: a context whose play() is recorded as `innerAudio.play`
    createInnerAudioContext: syncApi('createInnerAudioContext', () => {
      const context: Record<string, unknown> = { src: '' };
      context.play = () => record('innerAudio.play', { src: context.src });
      context.stop = () => undefined;
      context.destroy = () => record('innerAudio.destroy', { src: context.src });
      return context;
    }),
    env: { USER_DATA_PATH: 'wxfile://usr' },
    // Live views in local mode (the emulator's watch socket): a real WebSocket with the header the
    // transport sends. `ws` by file path: the jsdom environment would resolve its browser stub.
    connectSocket: syncApi('connectSocket', (options: { url: string; header?: Record<string, string> }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const WebSocketImpl = require(require('node:path').join(process.cwd(), 'node_modules', 'ws', 'index.js'));
      const socket = new WebSocketImpl(options.url, { headers: options.header ?? {} });
      const on = (event: string, map: (...args: any[]) => unknown) => (listener: (res: unknown) => void) =>
        socket.on(event, (...args: any[]) => listener(map(...args)));
      return {
        onOpen: on('open', () => ({})),
        onMessage: on('message', (data: unknown) => ({ data: String(data) })),
        onError: on('error', (error: Error) => ({ errMsg: error.message })),
        onClose: on('close', (code: number) => ({ code })),
        send: ({ data }: { data: string }) => socket.send(data),
        close: () => socket.close(),
      };
    }),
    // the printable code sheet is written to a user file before previewImage (recorded as `fs.writeFile`)
    getFileSystemManager: syncApi('getFileSystemManager', () => ({
      writeFile: (options: any) => {
        record('fs.writeFile', { filePath: options.filePath, encoding: options.encoding, bytes: String(options.data ?? '').length });
        Promise.resolve().then(() => options.success?.({ errMsg: 'writeFile:ok' }));
      },
    })),
    scanCode: asyncApi('scanCode', async (o) => {
      const res = await handlers.scanCode(o);
      if (res && typeof res.errMsg === 'string' && /fail/.test(res.errMsg)) throw res;
      return res;
    }),
    request: asyncApi('request', (o) => handlers.request(o)),
    getStorageSync: syncApi('getStorageSync', (key: string) => (storage.has(key) ? storage.get(key) : '')),
    setStorageSync: syncApi('setStorageSync', (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value)))),
    removeStorageSync: syncApi('removeStorageSync', (key: string) => void storage.delete(key)),
    clearStorageSync: syncApi('clearStorageSync', () => storage.clear()),
    cloud: {
      init: syncApi('cloud.init'),
      callFunction: asyncApi('cloud.callFunction', (o) => handlers.callFunction(o)),
      database: syncApi('cloud.database', () => handlers.database()),
    },
  };

  return {
    wx,
    calls,
    storage,
    handlers,
    callsOf: (api) => calls.filter((c) => c.api === api).map((c) => c.options),
    reset() {
      calls.length = 0;
      storage.clear();
      Object.assign(handlers, defaults());
    },
  };
}
