/**
 * Page-test harness: renders real pages (and their real TDesign components) with
 * miniprogram-simulate in jsdom. See test/README.md 「页面测试」.
 *
 * Every mount starts from a fresh module registry (jest.resetModules), like a fresh launch
 * of the mini-program: app.ts runs onLaunch again, services and config are re-evaluated.
 * miniprogram-simulate cannot load the same component twice in one registry.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { join } from 'node:path';
import { getRuntime } from './runtime';
import type { WxMock } from './wx-mock';

export const MINIPROGRAM_ROOT = join(__dirname, '..', '..', '..', 'miniprogram');

/** Only what the harness touches of jsdom; the root tsconfig has no DOM lib. */
interface DomNode {
  textContent: string | null;
  children: ArrayLike<DomNode>;
  tagName?: string;
  dispatchEvent(event: unknown): boolean;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
  appendChild(node: DomNode): DomNode;
  remove(): void;
}

const doc = () => (globalThis as any).document as { createElement(tag: string): DomNode; body: DomNode };

/** The mini-program config fields a test may override for one mount (see miniprogram/config/index.ts). */
export interface ConfigOverrides {
  mode?: 'cloud' | 'local';
  envId?: string;
  localBaseUrl?: string;
  homeStore?: { id: string; name: string };
}

export interface MountOptions {
  /** the page's query string, given to onLoad */
  query?: Record<string, string>;
  /** launch miniprogram/app.ts first (default true); false leaves getApp() unavailable */
  app?: boolean;
  /** miniprogram/config overrides applied to the fresh config module before anything loads */
  config?: ConfigOverrides;
}

export interface Mounted {
  /** miniprogram-simulate's wrapper (querySelector, dispatchEvent, setData …) */
  component: any;
  /** the page/component `this` */
  instance: any;
  dom: DomNode;
  readonly data: Record<string, any>;
  /** all visible text, whitespace collapsed */
  text(): string;
  /** resolves when `text()` contains `expected` (after async loading); fails with the text it saw */
  waitForText(expected: string, timeoutMs?: number): Promise<void>;
  waitFor(predicate: () => boolean, description?: string, timeoutMs?: number): Promise<void>;
  /** touches the innermost element that shows `text` (a real tap: touchstart + touchend) */
  tapText(text: string): Promise<void>;
  unmount(): void;
}

export const wxMock = (): WxMock => getRuntime().wxMock;

/** Detaches everything rendered so far (pages run onUnload); after-env.ts calls it after each test. */
export function unmountAll(): void {
  const runtime = getRuntime();
  for (const unmount of runtime.mounted.splice(0)) unmount();
  runtime.pageStack.length = 0;
}

export const flush = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Tests run in cloud mode against a test environment unless they ask otherwise (the checkout's
 * own default is local mode until a CloudBase env id is filled in): stubFunctions answers
 * wx.cloud.callFunction, useEmulatorBridge switches to local mode.
 */
const HARNESS_CONFIG: ConfigOverrides = { mode: 'cloud', envId: 'test-env' };

function applyConfig(overrides?: ConfigOverrides): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { config } = require(join(MINIPROGRAM_ROOT, 'config', 'index')) as { config: Record<string, unknown> };
  Object.assign(config, HARNESS_CONFIG, overrides);
}

function launchApp(): void {
  const runtime = getRuntime();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(MINIPROGRAM_ROOT, 'app'));
  const app = runtime.app;
  if (!app) throw new Error('miniprogram/app.ts did not call App()');
  app.onLaunch?.({ path: 'pages/home/index/index', query: {}, scene: 1001 });
  app.onShow?.({ path: 'pages/home/index/index', query: {}, scene: 1001 });
}

/**
 * Compiling WXML (the official wcc binary, over the whole mini-program tree) and WXSS (postcss
 * per component) dominates a mount. Both are pure functions of their inputs, so their results
 * are kept across jest.resetModules() for the life of the test file.
 */
const wxmlCompileCache = new Map<string, string>();
const wxssCompileCache = new Map<string, unknown>();

function loadSimulate(): any {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const compiler = require('miniprogram-compiler');
  const wxmlToJs = compiler.wxmlToJs.bind(compiler);
  compiler.wxmlToJs = (rootPath: string, compilerOptions: unknown = {}) => {
    const key = `${rootPath}\u0000${JSON.stringify(compilerOptions)}`;
    if (!wxmlCompileCache.has(key)) wxmlCompileCache.set(key, wxmlToJs(rootPath, compilerOptions));
    return wxmlCompileCache.get(key);
  };
  const simulate = require('miniprogram-simulate');
  const wxss = require('miniprogram-simulate/src/wxss');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const compileWxss = wxss.compile.bind(wxss);
  wxss.compile = (content: string, options: Record<string, unknown> = {}) => {
    const key = `${JSON.stringify(options)}\u0000${content}`;
    if (!wxssCompileCache.has(key)) wxssCompileCache.set(key, compileWxss(content, options));
    return wxssCompileCache.get(key);
  };
  return simulate;
}

function freshRegistry(options: MountOptions): any {
  const runtime = getRuntime();
  unmountAll();
  jest.resetModules();
  runtime.app = null;
  runtime.pageStack.length = 0;
  runtime.lifecyclePromises.length = 0;
  const simulate = loadSimulate();
  applyConfig(options.config);
  if (options.app !== false) launchApp();
  return simulate;
}

function touchTarget(root: DomNode, text: string): DomNode | null {
  const wanted = normalise(text);
  const all = Array.from(root.querySelectorAll('*'));
  const matches = all.filter((el) => normalise(el.textContent).includes(wanted));
  // innermost: no element child of it also shows the whole text
  return matches.find((el) => !Array.from(el.children).some((child) => normalise(child.textContent).includes(wanted))) ?? null;
}

function touch(target: DomNode): void {
  const g = globalThis as any;
  const point = () => new g.Touch({ identifier: Date.now(), target, clientX: 1, clientY: 1, pageX: 1, pageY: 1 });
  target.dispatchEvent(new g.TouchEvent('touchstart', { bubbles: true, cancelable: true, touches: [point()], targetTouches: [], changedTouches: [point()] }));
  target.dispatchEvent(new g.TouchEvent('touchend', { bubbles: true, cancelable: true, touches: [], targetTouches: [], changedTouches: [point()] }));
}

function wrap(component: any, parent: DomNode): Mounted {
  const mounted: Mounted = {
    component,
    instance: component.instance,
    dom: component.dom,
    get data() {
      return component.data;
    },
    text: () => normalise(component.dom.textContent),
    async waitFor(predicate, description = 'condition', timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}; page text: "${mounted.text()}"`);
        await flush(10);
      }
    },
    waitForText(expected, timeoutMs) {
      return mounted.waitFor(() => mounted.text().includes(normalise(expected)), `text "${expected}"`, timeoutMs);
    },
    async tapText(text) {
      const target = touchTarget(component.dom, text);
      if (!target) throw new Error(`nothing shows "${text}"; page text: "${mounted.text()}"`);
      touch(target);
      // j-component turns touchend into an exparser tap in a microtask; handlers may await.
      await flush(0);
      await flush(0);
    },
    unmount() {
      component.detach();
      parent.remove();
    },
  };
  getRuntime().mounted.push(() => mounted.unmount());
  return mounted;
}

function render(simulate: any, componentPath: string, properties?: Record<string, unknown>): Mounted {
  const id = simulate.load(componentPath, { rootPath: MINIPROGRAM_ROOT });
  const component = simulate.render(id, properties);
  const parent = doc().createElement('parent-wrapper');
  doc().body.appendChild(parent);
  component.attach(parent);
  return wrap(component, parent);
}

/**
 * Renders a page such as 'pages/home/index/index' (or 'admin/pages/workbench/index') the way
 * WeChat opens it: app launched, `Page()` lifecycles onLoad(query) → onShow → onReady.
 */
export async function mountPage(route: string, options: MountOptions = {}): Promise<Mounted> {
  const simulate = freshRegistry(options);
  const runtime = getRuntime();
  runtime.nextPageQuery = { ...(options.query ?? {}) };
  runtime.nextPageRoute = route;
  const mounted = render(simulate, join(MINIPROGRAM_ROOT, route));
  await Promise.all(runtime.lifecyclePromises.splice(0));
  await flush(0);
  return mounted;
}

/** Renders one of our components (e.g. 'components/page-state/index') with properties. */
export async function mountComponent(path: string, properties: Record<string, unknown> = {}, options: Omit<MountOptions, 'query'> = {}): Promise<Mounted> {
  const simulate = freshRegistry({ app: false, ...options });
  const mounted = render(simulate, join(MINIPROGRAM_ROOT, path), properties);
  await flush(0);
  return mounted;
}

/**
 * Loads a mini-program module (e.g. 'services/transport') in the current registry. Tests use
 * this instead of `import` so the root tsconfig (Node typings, no `wx`) never type-checks
 * mini-program sources; miniprogram/tsconfig.json does that.
 */
export function requireMiniprogram<T = any>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(MINIPROGRAM_ROOT, path)) as T;
}

/** A fresh module registry with config overrides, for testing services/utils without a page. */
export function freshMiniprogram(options: Omit<MountOptions, 'query'> = {}): void {
  freshRegistry({ app: false, ...options });
}

// ---- the transport boundary -------------------------------------------------------------

type ActionStub = (payload: any, call: { name: string; data: Record<string, any> }) => unknown;

/** A stub's way to make an action fail with an envelope error (as the function would). */
export class StubFailure {
  constructor(
    readonly code: number,
    readonly message: string,
    readonly details?: Record<string, unknown>,
  ) {}
}

/**
 * Answers wx.cloud.callFunction (cloud mode, the harness default) from plain functions:
 * `stubFunctions({ member: { getSession: () => session } })`. Return data → envelope code 0;
 * return/throw `new StubFailure(code, message)` → error envelope. Unstubbed actions answer 40003.
 */
export function stubFunctions(stubs: Record<string, Record<string, ActionStub>>): void {
  wxMock().handlers.callFunction = async ({ name, data }: { name: string; data: Record<string, any> }) => {
    const { action, ...payload } = data ?? {};
    const stub = stubs[name]?.[action];
    const requestId = `stub-${name}-${String(action)}`;
    if (!stub) return { result: { code: 40003, message: `未知的 action: ${String(action)}`, data: null, details: { field: 'action' }, requestId } };
    let outcome: unknown;
    try {
      outcome = await stub(payload, { name, data });
    } catch (error) {
      if (!(error instanceof StubFailure)) throw error;
      outcome = error;
    }
    if (outcome instanceof StubFailure) {
      return { result: { code: outcome.code, message: outcome.message, data: null, ...(outcome.details ? { details: outcome.details } : {}), requestId } };
    }
    return { result: { code: 0, message: 'ok', data: outcome ?? null, requestId } };
  };
}

/**
 * Local mode against a live emulator: wx.request becomes a real HTTP request to the
 * emulator's callFunction bridge. Returns the config overrides to pass to mountPage.
 */
export function useEmulatorBridge(emulatorUrl: string): ConfigOverrides {
  wxMock().handlers.request = async (options: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => {
    const response = await fetch(options.url, {
      method: options.method ?? 'GET',
      headers: options.header,
      body: options.data === undefined ? undefined : typeof options.data === 'string' ? options.data : JSON.stringify(options.data),
    });
    const text = await response.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON: hand the text over, as wx.request does
    }
    return { statusCode: response.status, data, header: Object.fromEntries(response.headers.entries()) };
  };
  return { mode: 'local', localBaseUrl: emulatorUrl };
}

/** The local-mode test user the transport sends as x-wx-openid (what the 设置 page stores). */
export function setTestUser(openid: string, label = openid): void {
  wxMock().storage.set('dev.identity', { openid, label, roleLabel: '' });
}
