import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALL_COLLECTIONS, COLLECTION_OWNERS, type CollectionName } from '../cloudfunctions/shared/collections';
import type { CollectionSpec, DatabaseSpec } from '../cloudfunctions/shared/database-spec';
import { SERVER_ONLY } from '../cloudfunctions/shared/database-spec';

/**
 * Every declared database spec of the product: each `cloudfunctions/**\/database.ts` (a context's
 * or a kernel's) found on disk, so a context added later is picked up without a list to edit.
 * The bootstrap creates what this returns; the emulator records it (index check); the static test
 * checks it covers every collection exactly once, with the owner COLLECTION_OWNERS names.
 */
export interface DeclaredCollection extends Required<Pick<CollectionSpec, 'name' | 'indexes' | 'rule'>> {
  owner: string;
  grows: boolean;
  /** the file that declared it, relative to the project root */
  file: string;
}

/** Shared folders that are not kernels (their `database.ts` is the database access, not a spec). */
const NOT_KERNELS = new Set(['repositories', 'kit', 'domain']);

/** `cloudfunctions/<context>/database.ts` and `cloudfunctions/shared/<kernel>/database.ts`. */
export function findDatabaseSpecFiles(projectRoot: string): string[] {
  const root = join(projectRoot, 'cloudfunctions');
  const dirs = (dir: string) => readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
  const candidates = [
    ...dirs(root)
      .filter((name) => name !== 'shared' && name !== 'node_modules')
      .map((name) => join(root, name, 'database.ts')),
    ...dirs(join(root, 'shared'))
      .filter((name) => !NOT_KERNELS.has(name))
      .map((name) => join(root, 'shared', name, 'database.ts')),
  ];
  return candidates.filter((file) => existsSync(file)).sort();
}

export function loadDatabaseSpecs(projectRoot: string): { file: string; spec: DatabaseSpec }[] {
  return findDatabaseSpecFiles(projectRoot).map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as { database?: DatabaseSpec };
    if (!exported.database) throw new Error(`${relative(projectRoot, file)} 没有导出 database: DatabaseSpec`);
    return { file: relative(projectRoot, file), spec: exported.database };
  });
}

/** All declared collections, one entry each (rules defaulted to server-only). */
export function declaredCollections(projectRoot: string): DeclaredCollection[] {
  return loadDatabaseSpecs(projectRoot).flatMap(({ file, spec }) =>
    spec.collections.map((c) => ({ name: c.name, indexes: c.indexes, rule: c.rule ?? SERVER_ONLY, grows: c.grows ?? false, owner: spec.owner, file })),
  );
}

/** What is wrong with the declarations (empty when sound): each collection once, by its owner, every index name unique. */
export function catalogProblems(collections: DeclaredCollection[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const c of collections) {
    const previous = seen.get(c.name);
    if (previous) problems.push(`集合 ${c.name} 在 ${previous} 与 ${c.file} 中重复声明`);
    seen.set(c.name, c.file);
    const owner = COLLECTION_OWNERS[c.name as CollectionName];
    if (owner === undefined) problems.push(`集合 ${c.name}（${c.file}）不在 shared/collections.ts 的 Collections 中`);
    else if (owner !== c.owner) problems.push(`集合 ${c.name} 归属 ${owner}，却由 ${c.owner}（${c.file}）声明`);
    const names = new Set<string>();
    for (const index of c.indexes) {
      if (names.has(index.name)) problems.push(`集合 ${c.name} 的索引名 ${index.name} 重复`);
      names.add(index.name);
      if (Object.keys(index.fields).length === 0) problems.push(`集合 ${c.name} 的索引 ${index.name} 没有字段`);
    }
  }
  for (const name of ALL_COLLECTIONS) if (!seen.has(name)) problems.push(`集合 ${name} 没有任何 database.ts 声明（索引与安全规则）`);
  return problems;
}
