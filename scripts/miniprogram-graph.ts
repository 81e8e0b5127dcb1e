/**
 * What the mini-program package really contains, computed the way WeChat DevTools decides it
 * with 「过滤无依赖文件」 (setting.ignoreUploadUnusedFiles) and lazy code loading: start from
 * app.json (app files, every page, the custom tab bar) and follow every reference —
 * usingComponents, JS require/import, WXML import/include/wxs, WXSS @import, WXS require and
 * static asset paths. Files nobody references are not uploaded, so they are not counted.
 *
 * Shared by scripts/size.ts (package sizes) and test/miniprogram/static.test.ts (every
 * reference resolves). TypeScript files are compiled per file with esbuild, as DevTools'
 * TypeScript compiler plugin does, and their requires are read from the compiled output (so
 * `import type` references, which vanish at compile time, are not followed).
 */
import { transformSync } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

export const MINIPROGRAM_ROOT = join(__dirname, '..', 'miniprogram');

export interface SubPackage {
  root: string;
  name?: string;
  pages: string[];
  independent?: boolean;
}

export interface AppJson {
  pages: string[];
  subPackages?: SubPackage[];
  subpackages?: SubPackage[];
  window?: Record<string, unknown>;
  tabBar?: { custom?: boolean; list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[]; [key: string]: unknown };
  usingComponents?: Record<string, string>;
  lazyCodeLoading?: string;
  sitemapLocation?: string;
  [key: string]: unknown;
}

export interface PageEntry {
  /** e.g. 'pages/home/index/index' or 'admin/pages/workbench/index' */
  route: string;
  /** null = main package */
  subPackage: string | null;
}

/** A reference that points at nothing: the static checks report these. */
export interface BrokenReference {
  from: string;
  kind: 'usingComponents' | 'require' | 'wxml' | 'wxss' | 'wxs' | 'asset' | 'page';
  reference: string;
}

export interface FileNode {
  /** path relative to the mini-program root, '/'-separated, as it is in the package (`.ts` → `.js`) */
  path: string;
  /** source file on disk */
  source: string;
  /** bytes in the package (compiled size for TypeScript) */
  bytes: number;
  /** which package it ships in: null = main */
  subPackage: string | null;
  /** entries (app / page routes) that reach it */
  reachedFrom: Set<string>;
}

export interface PackageGraph {
  app: AppJson;
  pages: PageEntry[];
  files: Map<string, FileNode>;
  broken: BrokenReference[];
  /** component paths (no extension) reachable through usingComponents */
  components: Set<string>;
}

const toPosix = (path: string) => path.split('\\').join('/');

export function readAppJson(root = MINIPROGRAM_ROOT): AppJson {
  return JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as AppJson;
}

export function subPackagesOf(app: AppJson): SubPackage[] {
  return app.subPackages ?? app.subpackages ?? [];
}

export function listPages(app: AppJson): PageEntry[] {
  return [
    ...app.pages.map((route) => ({ route, subPackage: null })),
    ...subPackagesOf(app).flatMap((pkg) => pkg.pages.map((page) => ({ route: posix.join(pkg.root, page), subPackage: pkg.root }))),
  ];
}

export function packageOf(app: AppJson, path: string): string | null {
  const pkg = subPackagesOf(app).find((candidate) => path === candidate.root || path.startsWith(`${candidate.root.replace(/\/+$/, '')}/`));
  return pkg ? pkg.root : null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves a component/module reference the way the mini-program runtime does:
 * '/x' from the root, './x' '../x' from the referring file, anything else first relative
 * (WeChat allows 'comp/index' relative) then as an npm package in the nearest miniprogram_npm.
 */
function candidates(root: string, fromFile: string, reference: string): string[] {
  if (reference.startsWith('/')) return [posix.normalize(reference.slice(1))];
  const relative = posix.normalize(posix.join(posix.dirname(fromFile), reference));
  if (reference.startsWith('./') || reference.startsWith('../')) return [relative];
  const npm: string[] = [];
  let dir = posix.dirname(fromFile);
  for (;;) {
    npm.push(posix.normalize(posix.join(dir === '.' ? '' : dir, 'miniprogram_npm', reference)));
    if (dir === '.' || dir === '' || dir === '/') break;
    dir = posix.dirname(dir);
  }
  return [relative, ...npm].filter((path) => !path.startsWith('..'));
}

/** A component reference → its base path (no extension) when `<base>.json` exists. */
export function resolveComponent(root: string, fromFile: string, reference: string): string | null {
  if (reference.startsWith('plugin://') || reference.startsWith('plugin-private://')) return null;
  for (const base of candidates(root, fromFile, reference)) {
    if (isFile(join(root, `${base}.json`))) return base;
    // a bare npm package name: miniprogram_npm/<pkg>/index
    if (isFile(join(root, base, 'index.json'))) return posix.join(base, 'index');
  }
  return null;
}

/** A JS/TS module reference → package path (`.js`) and its source file. */
function resolveModule(root: string, fromFile: string, reference: string): { path: string; source: string } | null {
  for (const base of candidates(root, fromFile, reference)) {
    const stem = base.replace(/\.(js|ts)$/, '');
    for (const [suffix, sourceSuffix] of [
      ['.js', '.ts'],
      ['.js', '.js'],
      ['/index.js', '/index.ts'],
      ['/index.js', '/index.js'],
    ]) {
      if (isFile(join(root, stem + sourceSuffix))) return { path: stem + suffix, source: join(root, stem + sourceSuffix) };
    }
    // miniprogram_npm packages built by DevTools expose index.js at the package root
    const pkgJson = join(root, base, 'package.json');
    if (isFile(pkgJson)) {
      const main = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { main?: string }).main ?? 'index.js';
      const mainPath = posix.normalize(posix.join(base, main));
      if (isFile(join(root, mainPath))) return { path: mainPath, source: join(root, mainPath) };
    }
  }
  return null;
}

function resolveStatic(root: string, fromFile: string, reference: string, ensureExt?: string): string | null {
  const ref = ensureExt && !reference.endsWith(ensureExt) ? `${reference}${ensureExt}` : reference;
  const path = ref.startsWith('/') ? posix.normalize(ref.slice(1)) : posix.normalize(posix.join(posix.dirname(fromFile), ref));
  return !path.startsWith('..') && isFile(join(root, path)) ? path : null;
}

const compiledCache = new Map<string, string>();

/** DevTools' TypeScript plugin: one file at a time, TypeScript → CommonJS JavaScript. */
export function compileTs(source: string): string {
  let code = compiledCache.get(source);
  if (code === undefined) {
    code = transformSync(readFileSync(source, 'utf8'), { loader: 'ts', format: 'cjs', target: 'es2020', sourcefile: source }).code;
    compiledCache.set(source, code);
  }
  return code;
}

function jsRequires(code: string): string[] {
  const out: string[] = [];
  for (const match of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) out.push(match[1]);
  return out;
}

/** ES-module JS (TDesign's miniprogram_dist): DevTools turns it into CommonJS; the specifiers are the same. */
function esmSpecifiers(code: string): string[] {
  const out = jsRequires(code);
  for (const match of code.matchAll(/\b(?:import|export)\s*(?:[\w*${}\s,]*?\bfrom\s*)?["']([^"']+)["']/g)) out.push(match[1]);
  return out;
}

const ASSET_EXT = /\.(png|jpe?g|gif|svg|webp|mp3|mp4|ttf|woff2?)$/i;

/** Walks everything app.json makes reachable. */
export function buildPackageGraph(root = MINIPROGRAM_ROOT): PackageGraph {
  const app = readAppJson(root);
  const pages = listPages(app);
  const files = new Map<string, FileNode>();
  const broken: BrokenReference[] = [];
  const components = new Set<string>();
  const queue: { path: string; source: string; entry: string }[] = [];

  const add = (path: string, source: string, entry: string) => {
    const existing = files.get(path);
    if (existing) {
      if (!existing.reachedFrom.has(entry)) {
        existing.reachedFrom.add(entry);
        queue.push({ path, source, entry });
      }
      return;
    }
    const bytes = source.endsWith('.ts') ? Buffer.byteLength(compileTs(source)) : statSync(source).size;
    files.set(path, { path, source, bytes, subPackage: packageOf(app, path), reachedFrom: new Set([entry]) });
    queue.push({ path, source, entry });
  };

  /** the files of a page or component: json, wxml, wxss, js (from .ts or .js) */
  const addComponentFiles = (base: string, entry: string, from: string, kind: BrokenReference['kind']) => {
    components.add(base);
    let found = false;
    for (const ext of ['.json', '.wxml', '.wxss']) {
      if (isFile(join(root, base + ext))) {
        add(base + ext, join(root, base + ext), entry);
        found = true;
      }
    }
    const module = resolveModule(root, `${base}.json`, `./${posix.basename(base)}`);
    if (module) add(module.path, module.source, entry);
    if (!found || !module) broken.push({ from, kind, reference: base });
  };

  const appEntry = 'app';
  add('app.json', join(root, 'app.json'), appEntry);
  for (const name of ['app.wxss', app.sitemapLocation ?? 'sitemap.json', 'theme.json']) {
    if (isFile(join(root, name))) add(name, join(root, name), appEntry);
  }
  const appModule = resolveModule(root, 'app.json', './app');
  if (appModule) add(appModule.path, appModule.source, appEntry);
  else broken.push({ from: 'app.json', kind: 'page', reference: 'app.js / app.ts' });
  if (app.tabBar?.custom) addComponentFiles('custom-tab-bar/index', appEntry, 'app.json tabBar.custom', 'page');
  for (const item of app.tabBar?.list ?? []) {
    for (const icon of [item.iconPath, item.selectedIconPath]) {
      if (!icon) continue;
      const path = resolveStatic(root, 'app.json', icon);
      if (path) add(path, join(root, path), appEntry);
      else broken.push({ from: 'app.json tabBar', kind: 'asset', reference: icon });
    }
  }
  for (const page of pages) addComponentFiles(page.route, page.route, 'app.json', 'page');

  while (queue.length) {
    const { path, source, entry } = queue.shift()!;
    const text = source.endsWith('.ts') ? compileTs(source) : readFileSync(source, 'utf8');
    if (path.endsWith('.json')) {
      let json: { usingComponents?: Record<string, string> } = {};
      try {
        json = JSON.parse(text) as typeof json;
      } catch {
        broken.push({ from: path, kind: 'usingComponents', reference: '(invalid JSON)' });
      }
      for (const reference of Object.values(json.usingComponents ?? {})) {
        const base = resolveComponent(root, path, reference);
        if (base) addComponentFiles(base, entry, path, 'usingComponents');
        else if (!reference.startsWith('plugin')) broken.push({ from: path, kind: 'usingComponents', reference });
      }
    } else if (path.endsWith('.js')) {
      const specifiers = source.endsWith('.ts') ? jsRequires(text) : esmSpecifiers(text);
      for (const reference of specifiers) {
        const module = resolveModule(root, path, reference);
        if (module) add(module.path, module.source, entry);
        else broken.push({ from: path, kind: 'require', reference });
      }
    } else if (path.endsWith('.wxml')) {
      for (const match of text.matchAll(/<(import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"'{}]+)["']/g)) {
        const [, tag, reference] = match;
        const resolved = resolveStatic(root, path, reference, tag === 'wxs' ? '.wxs' : '.wxml');
        if (resolved) add(resolved, join(root, resolved), entry);
        else broken.push({ from: path, kind: tag === 'wxs' ? 'wxs' : 'wxml', reference });
      }
      for (const match of text.matchAll(/\bsrc\s*=\s*["']([^"'{}]+)["']/g)) {
        if (!ASSET_EXT.test(match[1]) || /^(https?:)?\/\//.test(match[1])) continue;
        const resolved = resolveStatic(root, path, match[1]);
        if (resolved) add(resolved, join(root, resolved), entry);
        else broken.push({ from: path, kind: 'asset', reference: match[1] });
      }
    } else if (path.endsWith('.wxss')) {
      for (const match of text.matchAll(/@import\s+["']([^"']+)["']/g)) {
        const resolved = resolveStatic(root, path, match[1], '.wxss');
        if (resolved) add(resolved, join(root, resolved), entry);
        else broken.push({ from: path, kind: 'wxss', reference: match[1] });
      }
      for (const match of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        if (/^(data:|https?:|\/\/)/.test(match[1])) continue;
        const resolved = resolveStatic(root, path, match[1]);
        if (resolved) add(resolved, join(root, resolved), entry);
        else broken.push({ from: path, kind: 'asset', reference: match[1] });
      }
    } else if (path.endsWith('.wxs')) {
      for (const reference of jsRequires(text)) {
        const resolved = resolveStatic(root, path, reference, '.wxs');
        if (resolved) add(resolved, join(root, resolved), entry);
        else broken.push({ from: path, kind: 'wxs', reference });
      }
    }
  }

  return { app, pages, files, broken, components };
}

export const isNpmPath = (path: string) => path.startsWith('miniprogram_npm/') || path.includes('/miniprogram_npm/');

/** 'miniprogram_npm/tdesign-miniprogram/button/button' → 'button' */
export function tdesignComponentName(base: string): string | null {
  const match = /^miniprogram_npm\/tdesign-miniprogram\/([^/]+)\/\1$/.exec(toPosix(base));
  return match ? match[1] : null;
}

export function projectRootOf(root = MINIPROGRAM_ROOT): string {
  return dirname(root);
}

export function exists(path: string): boolean {
  return existsSync(path);
}
