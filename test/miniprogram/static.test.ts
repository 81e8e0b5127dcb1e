/**
 * @jest-environment node
 *
 * Static checks of the mini-program tree: what WeChat DevTools would refuse to compile or
 * upload, found without opening DevTools.
 */
import { transformSync } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import {
  buildPackageGraph,
  compileTs,
  listPages,
  MINIPROGRAM_ROOT,
  readAppJson,
  resolveComponent,
  subPackagesOf,
  type AppJson,
} from '../../scripts/miniprogram-graph';
import { MAIN_PACKAGE_BUDGET, measure } from '../../scripts/size';

const PROJECT_ROOT = join(MINIPROGRAM_ROOT, '..');
const PAGE_FILES = ['.ts', '.wxml', '.wxss', '.json'];
const TDESIGN_REF = /^\/miniprogram_npm\/tdesign-miniprogram\/([a-z-]+)\/\1$/;

const readJson = <T = Record<string, any>>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function walk(dir: string, skip: (path: string) => boolean = () => false): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (skip(path)) return [];
    return entry.isDirectory() ? walk(path, skip) : [path];
  });
}

/** our own source files: everything under miniprogram/ except generated npm output */
const ownFiles = () =>
  walk(MINIPROGRAM_ROOT, (path) => /[/\\](miniprogram_npm|node_modules)$/.test(path)).map((path) => relative(MINIPROGRAM_ROOT, path).split('\\').join('/'));

describe('miniprogram_npm', () => {
  it('exists (npm install runs scripts/build-miniprogram-npm.mjs)', () => {
    expect(existsSync(join(MINIPROGRAM_ROOT, 'miniprogram_npm', 'tdesign-miniprogram', 'button', 'button.json'))).toBe(true);
  });
});

describe('app.json', () => {
  const app: AppJson = readAppJson();

  it('has the required keys and lazy code loading', () => {
    expect(Array.isArray(app.pages) && app.pages.length).toBeTruthy();
    expect(app.pages.every((page) => typeof page === 'string' && !page.startsWith('/') && !/\.\w+$/.test(page))).toBe(true);
    expect(typeof app.window).toBe('object');
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(app.sitemapLocation && existsSync(join(MINIPROGRAM_ROOT, app.sitemapLocation))).toBeTruthy();
  });

  it('starts on 首页 and has unique pages across packages', () => {
    expect(app.pages[0]).toBe('pages/home/index/index');
    const routes = listPages(app).map((page) => page.route);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('declares subpackages whose roots exist, do not nest, and hold the staff pages', () => {
    const subs = subPackagesOf(app);
    expect(subs.map((pkg) => pkg.root)).toContain('admin');
    for (const pkg of subs) {
      expect(statSync(join(MINIPROGRAM_ROOT, pkg.root)).isDirectory()).toBe(true);
      expect(pkg.pages.length).toBeGreaterThan(0);
      for (const other of subs) if (other !== pkg) expect(pkg.root.startsWith(`${other.root}/`)).toBe(false);
    }
    expect(listPages(app).find((page) => page.route === 'admin/pages/workbench/index')?.subPackage).toBe('admin');
    // staff pages never in the main package
    expect(app.pages.some((page) => page.startsWith('admin/'))).toBe(false);
  });

  it('has a tab bar of 首页 · 扫一扫 · 订单 · 我的 whose pages are in the main package', () => {
    const tabBar = app.tabBar!;
    expect(tabBar.list.map((item) => item.text)).toEqual(['首页', '扫一扫', '订单', '我的']);
    expect(tabBar.list.length).toBeGreaterThanOrEqual(2);
    expect(tabBar.list.length).toBeLessThanOrEqual(5);
    for (const item of tabBar.list) expect(app.pages).toContain(item.pagePath);
    if (tabBar.custom) {
      for (const ext of PAGE_FILES) expect(existsSync(join(MINIPROGRAM_ROOT, 'custom-tab-bar', `index${ext}`))).toBe(true);
    }
  });
});

describe('pages and components', () => {
  const app = readAppJson();

  it.each(listPages(app).map((page) => [page.route]))('%s has its four files and valid page JSON', (route) => {
    for (const ext of PAGE_FILES) expect(existsSync(join(MINIPROGRAM_ROOT, `${route}${ext}`))).toBe(true);
    const json = readJson(join(MINIPROGRAM_ROOT, `${route}.json`));
    expect(json.component).not.toBe(true);
    expect(typeof json.navigationBarTitleText).toBe('string');
  });

  it('every shared component has its four files and "component": true', () => {
    const dirs = readdirSync(join(MINIPROGRAM_ROOT, 'components'));
    expect(dirs.length).toBeGreaterThan(0);
    for (const dir of dirs) {
      for (const ext of PAGE_FILES) expect(existsSync(join(MINIPROGRAM_ROOT, 'components', dir, `index${ext}`))).toBe(true);
      expect(readJson(join(MINIPROGRAM_ROOT, 'components', dir, 'index.json')).component).toBe(true);
    }
  });

  it('every usingComponents path resolves to a component (ours and TDesign’s, transitively)', () => {
    const graph = buildPackageGraph();
    expect(graph.broken).toEqual([]);
    for (const base of graph.components) {
      const json = readJson(join(MINIPROGRAM_ROOT, `${base}.json`));
      const isPage = graph.pages.some((page) => page.route === base);
      if (!isPage) expect({ base, component: json.component }).toEqual({ base, component: true });
    }
    // sanity: the walk reached TDesign internals (component → component and common/ files)
    expect(graph.components.has('miniprogram_npm/tdesign-miniprogram/icon/icon')).toBe(true);
    expect(graph.files.has('miniprogram_npm/tdesign-miniprogram/common/utils.wxs')).toBe(true);
  });

  it('declares only the components its template uses (each declaration is loaded and counted)', () => {
    const unused: string[] = [];
    for (const file of ownFiles().filter((path) => path.endsWith('.json') && existsSync(join(MINIPROGRAM_ROOT, path.replace(/\.json$/, '.wxml'))))) {
      const using = (readJson(join(MINIPROGRAM_ROOT, file)).usingComponents ?? {}) as Record<string, string>;
      const template = readFileSync(join(MINIPROGRAM_ROOT, file.replace(/\.json$/, '.wxml')), 'utf8');
      for (const tag of Object.keys(using)) if (!new RegExp(`<${tag}[\\s/>]`).test(template)) unused.push(`${file}: ${tag}`);
    }
    expect(unused).toEqual([]);
  });

  it('references TDesign by the absolute /miniprogram_npm path (DevTools and miniprogram-simulate both resolve it)', () => {
    for (const file of ownFiles().filter((path) => path.endsWith('.json'))) {
      const using = (readJson(join(MINIPROGRAM_ROOT, file)).usingComponents ?? {}) as Record<string, string>;
      for (const [tag, reference] of Object.entries(using)) {
        if (tag.startsWith('t-')) expect({ file, tag, reference: TDESIGN_REF.test(reference) }).toEqual({ file, tag, reference: true });
        expect({ file, tag, resolves: resolveComponent(MINIPROGRAM_ROOT, file, reference) !== null }).toEqual({ file, tag, resolves: true });
      }
    }
  });

  it('keeps subpackage files out of the main package’s reach', () => {
    const graph = buildPackageGraph();
    const routeToPackage = new Map(graph.pages.map((page) => [page.route, page.subPackage]));
    for (const file of graph.files.values()) {
      if (file.subPackage === null) continue;
      for (const entry of file.reachedFrom)
        expect({ file: file.path, from: entry, pkg: routeToPackage.get(entry) }).toEqual({ file: file.path, from: entry, pkg: file.subPackage });
    }
  });
});

describe('layering', () => {
  const sources = ownFiles().filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'));

  // code only: comments that merely mention wx.cloud do not count
  const code = (path: string) => transformSync(readFileSync(join(MINIPROGRAM_ROOT, path), 'utf8'), { loader: 'ts', minifyWhitespace: true }).code;

  it('cloud functions are called only through services/transport.ts', () => {
    const offenders = sources.filter((path) => path !== 'services/transport.ts' && /\bwx\.cloud\b|\/functions\//.test(code(path)));
    expect(offenders).toEqual([]);
  });

  it('only services/transport.ts touches the network (wx.cloud / wx.request)', () => {
    const offenders = sources.filter((path) => path !== 'services/transport.ts' && /\bwx\.(cloud|request)\b/.test(code(path)));
    expect(offenders).toEqual([]);
  });

  it('staff-only services live in the admin subpackage, so the diners’ main package does not carry them', () => {
    const mainServices = sources.filter((path) => path.startsWith('services/'));
    // what a file imports, resolved against its folder (`./api` in services/ and `../../services/api` in admin/ are one module)
    const importsOf = (path: string) =>
      [...readFileSync(join(MINIPROGRAM_ROOT, path), 'utf8').matchAll(/\bfrom\s*['"](\.[^'"]+)['"]/g)].map((m) => posix.join(posix.dirname(path), m[1]));
    const usedOnlyByAdmin = mainServices.filter((service) => {
      const module = service.replace(/\.ts$/, '');
      const importers = sources.filter((path) => path !== service && importsOf(path).includes(module));
      return importers.length > 0 && importers.every((path) => path.startsWith('admin/'));
    });
    expect(usedOnlyByAdmin).toEqual([]);
  });

  it('pages and components call services/<domain> (or admin/services/<domain>), never the transport', () => {
    const offenders = sources.filter(
      (path) =>
        /^(pages|admin|components|custom-tab-bar)\//.test(path) &&
        !path.startsWith('admin/services/') &&
        /services\/transport['"]/.test(readFileSync(join(MINIPROGRAM_ROOT, path), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('imports from typings/ are type-only: nothing outside miniprogram/ is required at run time', () => {
    for (const path of sources) {
      const requires = [...compileTs(join(MINIPROGRAM_ROOT, path)).matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      const outside = requires.filter((ref) => ref.startsWith('.') && posix.join(posix.dirname(path), ref).startsWith('..'));
      expect({ path, outside }).toEqual({ path, outside: [] });
    }
  });
});

describe('project.config.json', () => {
  const project = readJson(join(PROJECT_ROOT, 'project.config.json'));

  it('points DevTools at the mini-program, the built functions and the TypeScript plugin', () => {
    expect(project.compileType).toBe('miniprogram');
    expect(typeof project.appid).toBe('string');
    expect(project.miniprogramRoot).toBe('miniprogram/');
    expect(existsSync(join(PROJECT_ROOT, project.miniprogramRoot, 'app.json'))).toBe(true);
    expect(project.cloudfunctionRoot).toBe('build/functions/');
    expect(project.setting.useCompilerPlugins).toContain('typescript');
    expect(project.setting.ignoreUploadUnusedFiles).toBe(true);
    expect(project.libVersion).toMatch(/^[3-9]\.\d+\.\d+$/);
  });

  it('has well-formed packOptions.ignore rules that keep tooling files out of the package', () => {
    const rules = project.packOptions.ignore as { type: string; value: string }[];
    expect(Array.isArray(rules)).toBe(true);
    for (const rule of rules) expect(['file', 'folder', 'suffix', 'prefix', 'regexp', 'glob']).toContain(rule.type);
    expect(rules).toEqual(
      expect.arrayContaining([
        { type: 'file', value: 'tsconfig.json' },
        { type: 'file', value: 'package.json' },
      ]),
    );
  });

  it('sitemap.json and miniprogram/tsconfig.json parse', () => {
    expect(readJson(join(MINIPROGRAM_ROOT, 'sitemap.json')).rules).toBeInstanceOf(Array);
    expect(readJson(join(MINIPROGRAM_ROOT, 'tsconfig.json')).compilerOptions.strict).toBe(true);
  });
});

describe('size budget', () => {
  it('the main package stays within 1.5 MB (npm run size prints the breakdown)', () => {
    const report = measure();
    expect(report.failures).toEqual([]);
    expect(report.main.total).toBeLessThan(MAIN_PACKAGE_BUDGET);
    expect(report.tdesignComponents).toEqual(expect.arrayContaining(['button', 'cell', 'toast', 'tab-bar', 'icon']));
  });
});
