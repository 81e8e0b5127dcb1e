import { catalogProblems, declaredCollections, findDatabaseSpecFiles } from '../../scripts/database-catalog';
import { planDatabase, toManagementIndex, toPermission } from '../../scripts/bootstrap/plan';
import { PROJECT_ROOT } from '../helpers/emulator';

/**
 * The declared database (cloudfunctions/<context>/database.ts, shared/<kernel>/database.ts): every
 * collection of shared/collections.ts declared exactly once, by its owner, with sound indexes; and
 * the bootstrap's plan from nothing creates each of them, then nothing more.
 */
describe('declared database', () => {
  const declared = declaredCollections(PROJECT_ROOT);

  it('is collected from every database.ts, contexts and kernels alike', () => {
    const files = findDatabaseSpecFiles(PROJECT_ROOT).map((file) => file.slice(PROJECT_ROOT.length + 1));
    expect(files).toEqual(
      expect.arrayContaining(['cloudfunctions/admin/database.ts', 'cloudfunctions/shared/orders/database.ts', 'cloudfunctions/shared/audit/database.ts']),
    );
    expect(files).not.toContain('cloudfunctions/shared/repositories/database.ts');
  });

  it('declares each collection once, by the owner COLLECTION_OWNERS names', () => {
    expect(catalogProblems(declared)).toEqual([]);
  });

  it('plans every collection, index and rule for an empty environment, and nothing once they exist', () => {
    const empty = planDatabase(declared, new Map());
    expect(empty.filter((s) => s.kind === 'createCollection')).toHaveLength(declared.length);
    expect(empty.filter((s) => s.kind === 'createIndex')).toHaveLength(declared.reduce((n, c) => n + c.indexes.length, 0));
    const current = new Map(
      declared.map((c) => [
        c.name,
        {
          indexes: c.indexes.map(toManagementIndex).map((i) => ({
            name: i.IndexName,
            unique: i.MgoKeySchema.MgoIsUnique,
            keys: i.MgoKeySchema.MgoIndexKeys.map((k) => ({ name: k.Name, direction: k.Direction })),
          })),
          permission: toPermission(c.rule),
        },
      ]),
    );
    expect(planDatabase(declared, current)).toEqual([]);
  });

  it('keeps the live views readable only as declared (server-only unless a rule says otherwise)', () => {
    expect(toPermission({ read: false, write: false })).toEqual({ permission: 'ADMINONLY' });
    expect(toPermission({ read: 'doc.storeId == auth.openid', write: false })).toEqual({
      permission: 'CUSTOM',
      securityRule: '{"read":"doc.storeId == auth.openid","write":false}',
    });
  });
});
