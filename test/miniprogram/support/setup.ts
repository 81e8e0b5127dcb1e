/**
 * Runs before every mini-program test file (jest `setupFiles`): the globals WeChat provides
 * and miniprogram-simulate does not. Pages are custom components in miniprogram-simulate, so
 * `Page(options)` is translated to `Component(...)` with page lifecycles mapped onto
 * component lifetimes (attached → onLoad(query) + onShow, ready → onReady, detached → onUnload).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createWxMock } from './wx-mock';
import { getRuntime } from './runtime';

const runtime = getRuntime();

const mock = createWxMock();
runtime.wxMock = mock;
(globalThis as any).wx = mock.wx;

(globalThis as any).Page = (options: Record<string, any>) => {
  const { data, behaviors, options: componentOptions, ...rest } = options;
  const methods: Record<string, (...args: any[]) => any> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'function') methods[key] = value;
    else fields[key] = value;
  }
  const component = (globalThis as any).Component as (definition: Record<string, any>) => void;
  component({
    data,
    behaviors,
    options: componentOptions,
    methods,
    lifetimes: {
      attached(this: any) {
        // Like WeChat: plain fields are copied onto the page instance, `options` is the query.
        Object.assign(this, JSON.parse(JSON.stringify(fields)));
        const query = { ...runtime.nextPageQuery };
        this.options = query;
        this.route = runtime.nextPageRoute;
        runtime.pageStack.push(this);
        if (typeof this.onLoad === 'function') runtime.lifecyclePromises.push(Promise.resolve(this.onLoad(query)));
        if (typeof this.onShow === 'function') runtime.lifecyclePromises.push(Promise.resolve(this.onShow()));
      },
      ready(this: any) {
        if (typeof this.onReady === 'function') this.onReady();
      },
      detached(this: any) {
        if (typeof this.onUnload === 'function') this.onUnload();
        const index = runtime.pageStack.indexOf(this);
        if (index >= 0) runtime.pageStack.splice(index, 1);
      },
    },
  });
};

(globalThis as any).App = (options: Record<string, any>) => {
  runtime.app = options;
};

// TDesign components call getApp() when they are created, so it must answer even when a test
// mounts a component without launching app.ts; that app has no methods of ours.
const unlaunchedApp = { globalData: {} };
(globalThis as any).getApp = () => runtime.app ?? unlaunchedApp;

(globalThis as any).getCurrentPages = () => [...runtime.pageStack];
