import type { IndexSpec, SecurityRule } from '../../cloudfunctions/shared/database-spec';
import type { DeclaredCollection } from '../database-catalog';

/**
 * The bootstrap's decisions, pure: what the management API must be asked for so the environment
 * holds every declared collection, index and security rule. The CLI (bootstrap.ts) reads the
 * current state, calls `planDatabase`, and carries out the steps; a second run plans nothing.
 */
export interface ManagementIndex {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: '1' | '-1' }[]; MgoIsUnique: boolean };
}

export interface CurrentCollection {
  indexes: { name: string; keys: { name: string; direction: string }[]; unique: boolean }[];
  permission?: { permission: string; securityRule?: string };
}

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: ManagementIndex }
  | { kind: 'replaceIndex'; collection: string; index: ManagementIndex }
  | { kind: 'setRule'; collection: string; permission: string; securityRule?: string };

export function toManagementIndex(index: IndexSpec): ManagementIndex {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: Object.entries(index.fields).map(([Name, direction]) => ({ Name, Direction: direction === -1 ? '-1' : '1' })),
      MgoIsUnique: index.unique === true,
    },
  };
}

/**
 * A declared rule as CloudBase permission: server-only → ADMINONLY (the mini-program can neither
 * read nor write; functions are never bound by rules), anything else → CUSTOM with the JSON rule.
 */
export function toPermission(rule: SecurityRule): { permission: string; securityRule?: string } {
  if (rule.read === false && rule.write === false) return { permission: 'ADMINONLY' };
  return { permission: 'CUSTOM', securityRule: JSON.stringify({ read: rule.read, write: rule.write }) };
}

function sameIndex(current: CurrentCollection['indexes'][number], wanted: ManagementIndex): boolean {
  const keys = wanted.MgoKeySchema.MgoIndexKeys;
  return (
    current.unique === wanted.MgoKeySchema.MgoIsUnique &&
    current.keys.length === keys.length &&
    current.keys.every((key, i) => key.name === keys[i].Name && String(key.direction) === keys[i].Direction)
  );
}

/** The steps from `current` (undefined = the collection does not exist) to the declarations. Indexes are never dropped: an operator's extra index stays. */
export function planDatabase(declared: DeclaredCollection[], current: Map<string, CurrentCollection | undefined>): Step[] {
  const steps: Step[] = [];
  for (const collection of declared) {
    const now = current.get(collection.name);
    if (!now) steps.push({ kind: 'createCollection', collection: collection.name });
    for (const index of collection.indexes.map(toManagementIndex)) {
      const existing = now?.indexes.find((i) => i.name === index.IndexName);
      if (!existing) steps.push({ kind: 'createIndex', collection: collection.name, index });
      else if (!sameIndex(existing, index)) steps.push({ kind: 'replaceIndex', collection: collection.name, index });
    }
    const wanted = toPermission(collection.rule);
    const have = now?.permission;
    if (!have || have.permission !== wanted.permission || (wanted.securityRule ?? '') !== (have.securityRule ?? '')) {
      steps.push({ kind: 'setRule', collection: collection.name, ...wanted });
    }
  }
  return steps;
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createCollection':
      return `创建集合 ${step.collection}`;
    case 'createIndex':
      return `创建索引 ${step.collection}.${step.index.IndexName}（${step.index.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name} ${k.Direction}`).join(', ')}${step.index.MgoKeySchema.MgoIsUnique ? '，唯一' : ''}）`;
    case 'replaceIndex':
      return `重建索引 ${step.collection}.${step.index.IndexName}（字段或唯一性与声明不同）`;
    case 'setRule':
      return `设置 ${step.collection} 的安全规则为 ${step.permission}${step.securityRule ? ` ${step.securityRule}` : ''}`;
  }
}
