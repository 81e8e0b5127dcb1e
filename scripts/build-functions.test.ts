import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFunctions, outputRoot, sourcemapRoot, treeShakableZod } from './build-functions';
import { BUNDLE_BUDGET_BYTES, median } from './bundle-report';

// test/global-setup.ts has built every function (unless SKIP_FUNCTION_BUILD is set).
const built = listFunctions().filter((name) => existsSync(join(outputRoot, name, 'index.js')));

/**
 * Functions that bundle the WeChat Pay APIv3 SDK (wechatpay-axios-plugin with axios): payment, and
 * the cabinet through the Pay Score kernel (shared/payscore). The SDK alone is larger than the
 * budget of the other functions, so these are held to the locale check only.
 */
const WECHATPAY_SDK_FUNCTIONS = ['payment', 'cabinet'];

describe('treeShakableZod', () => {
  it('turns the named z import into a namespace import, keeping the line count', () => {
    const source = "/** doc */\nimport { z } from 'zod';\nimport { x } from './x';\nexport const s = z.object({ a: z.string() });\n";
    const out = treeShakableZod(source);
    expect(out).toBe("/** doc */\nimport * as z from 'zod';\nimport { x } from './x';\nexport const s = z.object({ a: z.string() });\n");
  });

  it('imports zod/locales on its own when a file reads z.locales, on the same line', () => {
    const source = "import { z } from 'zod';\nconst zh = z.locales.zhCN().localeError;\nconst en = z.locales.en();\n";
    expect(treeShakableZod(source)).toBe(
      "import * as z from 'zod'; import * as zodLocales$ from 'zod/locales';\nconst zh = zodLocales$.zhCN().localeError;\nconst en = zodLocales$.en();\n",
    );
  });

  it('leaves type-only imports and files without zod alone', () => {
    expect(treeShakableZod("import type { z } from 'zod';\ntype T = z.infer<typeof s>;\n")).toBe(
      "import type { z } from 'zod';\ntype T = z.infer<typeof s>;\n",
    );
    expect(treeShakableZod("export const a = 'z.locales.zhCN';\n")).toBe("export const a = 'z.locales.zhCN';\n");
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('built bundles', () => {
  it('has every function built', () => {
    if (process.env.SKIP_FUNCTION_BUILD) return;
    expect(built).toEqual(listFunctions());
  });

  it.each(built)('%s: the upload folder holds exactly index.js, package.json (wx-server-sdk only) and config.json', (name) => {
    const dir = join(outputRoot, name);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'index.js', 'package.json']);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
    expect(pkg.main).toBe('index.js');
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
  });

  it.each(built)('%s: is minified, with its source map kept outside the upload folder', (name) => {
    const code = readFileSync(join(outputRoot, name, 'index.js'), 'utf8');
    // minified: long lines (only template literals keep their newlines)
    expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
    expect(code.trimEnd().endsWith(`//# sourceMappingURL=../../sourcemaps/${name}/index.js.map`)).toBe(true);
    const map = JSON.parse(readFileSync(join(sourcemapRoot, name, 'index.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((source) => source.includes(`cloudfunctions/${name}/src/index.ts`))).toBe(true);
  });

  it.each(built.filter((name) => !WECHATPAY_SDK_FUNCTIONS.includes(name)))(
    '%s: (no payment libraries) stays within the bundle budget, without zod locales it does not use',
    (name) => {
      const file = join(outputRoot, name, 'index.js');
      expect(statSync(file).size).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
      const code = readFileSync(file, 'utf8');
      // Hebrew and Russian messages from zod's locales: present only when every locale is bundled
      // (bundles are written as UTF-8, so such messages would appear as such, not as \u escapes)
      expect(/[\u0590-\u05ff]{3}/.test(code)).toBe(false);
      expect(/[\u0400-\u04ff]{3}/.test(code)).toBe(false);
      expect(/\\u[0-9A-F]{4}\\u[0-9A-F]{4}/.test(code)).toBe(false);
    },
  );

  it('pos-interface still carries the zh-CN locale its vendor payload errors use (z.locales.zhCN)', () => {
    if (!built.includes('pos-interface')) return;
    expect(readFileSync(join(outputRoot, 'pos-interface', 'index.js'), 'utf8').includes('实际接收')).toBe(true);
  });

  it.each(WECHATPAY_SDK_FUNCTIONS.filter((name) => built.includes(name)))(
    '%s: carries the WeChat Pay SDK (why it has no size budget) but not every zod locale',
    (name) => {
      const code = readFileSync(join(outputRoot, name, 'index.js'), 'utf8');
      expect(code.includes('Wechatpay')).toBe(true);
      expect(/[\u0590-\u05ff]{3}/.test(code)).toBe(false);
    },
  );
});
