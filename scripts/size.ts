/**
 * `npm run size`: the mini-program's package sizes, and the budget gate.
 *
 * What is counted (see scripts/miniprogram-graph.ts): every file reachable from app.json —
 * pages, the custom tab bar, components through usingComponents (ours and TDesign's,
 * transitively), JS requires (TypeScript compiled per file with esbuild, as DevTools'
 * TypeScript plugin does; not minified, so the real upload with 「上传时压缩」 is smaller),
 * WXML import/include/wxs, WXSS @import, WXS require and static assets. That is what DevTools
 * uploads with 「过滤无依赖文件」: unreferenced files (including unused TDesign components in
 * miniprogram_npm) are not counted. Files in project.config.json packOptions.ignore are skipped.
 * miniprogram_npm sits at the root, so every TDesign file counts in the main package, even
 * when only a subpackage page uses the component.
 *
 * Fails (exit 1) when the main package exceeds the 1.5 MB budget or WeChat's 2 MB limit, or a
 * subpackage exceeds 2 MB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackageGraph, isNpmPath, MINIPROGRAM_ROOT, projectRootOf, subPackagesOf, tdesignComponentName, type FileNode } from './miniprogram-graph';

const KB = 1024;
const MB = 1024 * 1024;
export const MAIN_PACKAGE_LIMIT = 2 * MB; // WeChat rejects the upload above this
export const MAIN_PACKAGE_BUDGET = 1.5 * MB; // ours: headroom for the features still to come
export const SUBPACKAGE_LIMIT = 2 * MB;

interface IgnoreRule {
  type: 'file' | 'folder' | 'suffix' | 'prefix' | 'regexp' | 'glob';
  value: string;
}

function ignoreRules(): IgnoreRule[] {
  const project = JSON.parse(readFileSync(join(projectRootOf(MINIPROGRAM_ROOT), 'project.config.json'), 'utf8')) as { packOptions?: { ignore?: IgnoreRule[] } };
  return project.packOptions?.ignore ?? [];
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders, including none
      source += '(?:.*/)?';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** packOptions.ignore values are relative to miniprogramRoot. */
function isIgnored(path: string, rules: IgnoreRule[]): boolean {
  return rules.some((rule) => {
    const value = rule.value.replace(/^\.?\//, '');
    switch (rule.type) {
      case 'file':
        return path === value;
      case 'folder':
        return path === value.replace(/\/$/, '') || path.startsWith(`${value.replace(/\/$/, '')}/`);
      case 'suffix':
        return path.endsWith(rule.value);
      case 'prefix':
        return posixBase(path).startsWith(rule.value);
      case 'regexp':
        return new RegExp(rule.value).test(path);
      case 'glob':
        return globToRegExp(value).test(path);
      default:
        return false;
    }
  });
}

const posixBase = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const sum = (files: FileNode[]) => files.reduce((total, file) => total + file.bytes, 0);

export interface SizeReport {
  main: { total: number; ours: number; npm: number; files: number };
  subPackages: { root: string; total: number; files: number }[];
  tdesignComponents: string[];
  /** main-package files that only subpackage pages reach (candidates to move) */
  mainOnlyForSubPackages: FileNode[];
  failures: string[];
}

export function measure(): SizeReport {
  const graph = buildPackageGraph(MINIPROGRAM_ROOT);
  const rules = ignoreRules();
  const files = [...graph.files.values()].filter((file) => !isIgnored(file.path, rules));
  const main = files.filter((file) => file.subPackage === null);
  const mainNpm = main.filter((file) => isNpmPath(file.path));
  const subRoots = subPackagesOf(graph.app).map((pkg) => pkg.root);
  const subPackages = subRoots.map((root) => {
    const own = files.filter((file) => file.subPackage === root);
    return { root, total: sum(own), files: own.length };
  });
  const subEntries = new Set(graph.pages.filter((page) => page.subPackage !== null).map((page) => page.route));
  const mainOnlyForSubPackages = main.filter((file) => [...file.reachedFrom].every((entry) => subEntries.has(entry)));
  const tdesignComponents = [...graph.components]
    .map(tdesignComponentName)
    .filter((name): name is string => !!name)
    .sort();

  const report: SizeReport = {
    main: { total: sum(main), ours: sum(main) - sum(mainNpm), npm: sum(mainNpm), files: main.length },
    subPackages,
    tdesignComponents,
    mainOnlyForSubPackages,
    failures: [],
  };
  if (report.main.total > MAIN_PACKAGE_LIMIT) report.failures.push(`主包 ${kb(report.main.total)} 超过微信上限 2 MB`);
  else if (report.main.total > MAIN_PACKAGE_BUDGET) report.failures.push(`主包 ${kb(report.main.total)} 超过预算 1.5 MB`);
  for (const pkg of subPackages) {
    if (pkg.total > SUBPACKAGE_LIMIT) report.failures.push(`分包 ${pkg.root} ${kb(pkg.total)} 超过微信上限 2 MB`);
  }
  for (const ref of graph.broken) report.failures.push(`引用不存在: ${ref.from} → ${ref.reference} (${ref.kind})`);
  return report;
}

function print(report: SizeReport): void {
  const total = report.main.total + report.subPackages.reduce((t, p) => t + p.total, 0);
  const lines = [
    '小程序包体积（按开发者工具「过滤无依赖文件」统计可达文件；TS 按文件编译为 JS，未压缩）',
    `  主包            ${kb(report.main.total).padStart(10)}  (${report.main.files} 个文件；自有代码 ${kb(report.main.ours)}，miniprogram_npm ${kb(report.main.npm)})`,
    ...report.subPackages.map((pkg) => `  分包 ${pkg.root.padEnd(10)} ${kb(pkg.total).padStart(10)}  (${pkg.files} 个文件)`),
    `  合计            ${kb(total).padStart(10)}`,
    `  预算            主包 ≤ 1.5 MB（微信上限 2 MB），单个分包 ≤ 2 MB；主包已用预算 ${((report.main.total / MAIN_PACKAGE_BUDGET) * 100).toFixed(1)}%`,
    `  计入的 TDesign 组件（${report.tdesignComponents.length} 个，含组件间依赖）：${report.tdesignComponents.join(', ')}`,
  ];
  if (report.mainOnlyForSubPackages.length) {
    const own = report.mainOnlyForSubPackages.filter((file) => !isNpmPath(file.path)).map((file) => file.path);
    const npmFiles = report.mainOnlyForSubPackages.length - own.length;
    const parts = [...own, ...(npmFiles ? [`TDesign 的 ${npmFiles} 个文件（构建 npm 时位于主包的 miniprogram_npm）`] : [])];
    lines.push(`  主包中仅被分包使用的文件：${report.mainOnlyForSubPackages.length} 个，${kb(sum(report.mainOnlyForSubPackages))}（${parts.join('，')}）`);
  }
  console.log(lines.join('\n'));
}

if (require.main === module) {
  const report = measure();
  print(report);
  if (report.failures.length) {
    console.error(`\n体积检查失败：\n  ${report.failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\n体积检查通过。');
}
