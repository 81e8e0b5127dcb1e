/**
 * @jest-environment node
 *
 * The routes table (miniprogram/config/routes.ts) is the one list of page paths: it and app.json
 * name the same pages, the tab routes are app.json's tab bar, and no page, component or util
 * spells a page path itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listPages, MINIPROGRAM_ROOT, readAppJson } from '../../scripts/miniprogram-graph';

interface RoutesModule {
  ROUTES: Record<string, string>;
  TAB_ROUTES: Record<string, string>;
  withQuery(route: string, query: Record<string, string>): string;
}

// required, not imported: the root tsconfig does not type-check mini-program sources (miniprogram/tsconfig.json does)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROUTES, TAB_ROUTES, withQuery } = require(join(MINIPROGRAM_ROOT, 'config', 'routes')) as RoutesModule;
const app = readAppJson();
const appPages = listPages(app).map((page) => `/${page.route}`);

describe('routes table', () => {
  it('has a route for every app.json page (main and subpackages) and vice versa', () => {
    expect([...Object.values(ROUTES)].sort()).toEqual([...appPages].sort());
  });

  it('names each page once', () => {
    const paths = Object.values(ROUTES);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('has exactly the app.json tab bar pages as tab routes', () => {
    const tabs = (app as { tabBar?: { list: { pagePath: string }[] } }).tabBar?.list.map((tab) => `/${tab.pagePath}`) ?? [];
    expect([...Object.values(TAB_ROUTES)].sort()).toEqual([...tabs].sort());
  });

  it('withQuery encodes every value', () => {
    expect(withQuery(ROUTES.orderDetail, { orderId: 'o1' })).toBe('/pages/ordering/detail/index?orderId=o1');
    expect(withQuery(ROUTES.adminStore, { storeId: 'a&b c' })).toBe('/admin/pages/store/index?storeId=a%26b%20c');
    expect(withQuery(ROUTES.posSyncLogs, {})).toBe('/admin/pages/pos-interface/sync-logs/index');
  });
});

describe('no page path outside the routes table', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === 'miniprogram_npm' || entry.name === 'node_modules') return [];
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : [path];
    });
  const sources = walk(MINIPROGRAM_ROOT)
    .filter((path) => /\.(ts|wxml)$/.test(path))
    .map((path) => relative(MINIPROGRAM_ROOT, path).split('\\').join('/'))
    .filter((path) => path !== 'config/routes.ts');

  it.each(sources)('%s writes no page path as a string', (file) => {
    const source = readFileSync(join(MINIPROGRAM_ROOT, file), 'utf8');
    // a quoted (or template) string starting with a page path: '/pages/…', 'admin/pages/…', `/admin/pages/…
    expect(source.match(/['"`]\/?(?:admin\/)?pages\/[\w/-]+/g) ?? []).toEqual([]);
  });
});
