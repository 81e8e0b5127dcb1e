import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import { Collections } from '../../cloudfunctions/shared/collections';
import { DEFAULT_PROGRAM, PROGRAM_DOCUMENT_ID } from '../../cloudfunctions/shared/members/program';
import { codeFromBytes, codeHint, formatCode, invitationIdOf } from '../../cloudfunctions/admin/src/domain/invitation-code';
import { declaredCollections } from '../database-catalog';
import { describeStep, planDatabase, type CurrentCollection, type Step } from './plan';

/**
 * `npm run cloud:bootstrap -- --env <envId>`: from an empty CloudBase environment to one the
 * functions can run in, with no hand edits. Through the official management SDK
 * (@cloudbase/manager-node): every declared collection (cloudfunctions/**\/database.ts), its
 * indexes and its security rule. Through the server SDK: the configuration documents (member
 * levels, points rules, ticket rate) and a one-time administrator invitation, printed once.
 * Idempotent: a second run finds everything in place, changes nothing and says so.
 */
export interface BootstrapOptions {
  envId: string;
  secretId: string;
  secretKey: string;
  /** the `tcb` management API (TCB_BASE_URL); Tencent Cloud's unless given (the emulator's /_emulator/cloud-api) */
  managementUrl?: string;
  /** where the server SDK sends database requests; CloudBase's unless given (the emulator's /admin) */
  dataServiceUrl?: string;
  /** revoke an unused administrator invitation and print a new one */
  newAdminCode?: boolean;
  dryRun?: boolean;
  log?: (line: string) => void;
  now?: Date;
}

export interface BootstrapResult {
  changes: string[];
  /** the administrator invitation code, when this run created one */
  adminCode?: string;
}

const ADMIN_CODE_DAYS = 7;
const PROJECT_ROOT = join(__dirname, '..', '..');

type Manager = InstanceType<typeof CloudBase>;
// the slice of the server SDK's database the bootstrap uses
interface DataDoc {
  get(): Promise<{ data: unknown }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<unknown>;
}
interface DataDb {
  collection(name: string): {
    doc(id: string): DataDoc;
    where(q: Record<string, unknown>): { limit(n: number): { get(): Promise<{ data: Record<string, unknown>[] }> }; count(): Promise<{ total: number }> };
  };
  command: { gt(value: unknown): unknown };
}

async function readCurrent(manager: Manager, names: string[]): Promise<Map<string, CurrentCollection | undefined>> {
  const current = new Map<string, CurrentCollection | undefined>();
  for (const name of names) {
    const exists = await manager.database.checkCollectionExists(name);
    if (!exists.Exists) {
      current.set(name, undefined);
      continue;
    }
    const table = await manager.database.describeCollection(name);
    const indexes = (table.Indexes ?? [])
      .filter((index) => index.Name !== '_id_')
      .map((index) => ({
        name: index.Name,
        unique: index.Unique,
        keys: (index.Keys ?? []).map((key) => ({ name: key.Name ?? '', direction: String(key.Direction ?? '1') })),
      }));
    current.set(name, { indexes });
  }
  // Rules: one call per 100 collections.
  for (let i = 0; i < names.length; i += 100) {
    const batch = names.slice(i, i + 100).filter((name) => current.get(name));
    if (!batch.length) continue;
    const reply = (await manager.permission.describeResourcePermission({ resourceType: 'collection', resources: batch })) as unknown as {
      Data?: { PermissionList?: { Resource?: string; Permission?: string; SecurityRule?: string }[] };
    };
    for (const item of reply.Data?.PermissionList ?? []) {
      const entry = item.Resource ? current.get(item.Resource) : undefined;
      if (entry && item.Permission) entry.permission = { permission: item.Permission, ...(item.SecurityRule ? { securityRule: item.SecurityRule } : {}) };
    }
  }
  return current;
}

async function apply(manager: Manager, step: Step): Promise<void> {
  switch (step.kind) {
    case 'createCollection':
      await manager.database.createCollection(step.collection);
      return;
    case 'createIndex':
      await manager.database.updateCollection(step.collection, { CreateIndexes: [step.index] });
      return;
    case 'replaceIndex':
      await manager.database.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.index.IndexName }] });
      await manager.database.updateCollection(step.collection, { CreateIndexes: [step.index] });
      return;
    case 'setRule':
      await manager.permission.modifyResourcePermission({
        resourceType: 'collection',
        resource: step.collection,
        permission: step.permission as 'ADMINONLY' | 'CUSTOM',
        ...(step.securityRule ? { securityRule: step.securityRule } : {}),
      });
      return;
  }
}

function dataDatabase(options: BootstrapOptions): DataDb {
  // The server SDK outside a function: the same key pair; without these it probes the SCF metadata service.
  process.env.TENCENTCLOUD_RUNENV ||= 'SCF';
  process.env.TENCENTCLOUD_SESSIONTOKEN ||= 'bootstrap';
  process.env.TENCENTCLOUD_REGION ||= 'ap-shanghai';
  process.env.SCF_NAMESPACE ||= options.envId;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as { createNewInstance(config: Record<string, unknown>): { database(): DataDb } };
  return sdk
    .createNewInstance({
      env: options.envId,
      secretId: options.secretId,
      secretKey: options.secretKey,
      ...(options.dataServiceUrl ? { serviceUrl: options.dataServiceUrl } : {}),
    })
    .database();
}

async function exists(db: DataDb, collection: string, id: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { data } = await db.collection(collection).doc(id).get();
    return (data as Record<string, unknown> | undefined) ?? undefined;
  } catch (error) {
    if (/not exist|cannot find document|DATABASE_DOCUMENT_NOT_EXIST/i.test(String((error as Error).message))) return undefined;
    throw error;
  }
}

/** Configuration documents and the first administrator's invitation; each only when missing. */
async function seedData(db: DataDb, options: BootstrapOptions, changes: string[]): Promise<string | undefined> {
  const now = options.now ?? new Date();
  if (!(await exists(db, Collections.memberLevels, PROGRAM_DOCUMENT_ID))) {
    changes.push(
      `写入会员等级、积分规则与礼票比例（${Collections.memberLevels}/${PROGRAM_DOCUMENT_ID}：每元 ${DEFAULT_PROGRAM.rules.pointsPerYuan} 积分，每元 ${DEFAULT_PROGRAM.rules.ticketsPerYuan} 礼票）`,
    );
    if (!options.dryRun)
      await db
        .collection(Collections.memberLevels)
        .doc(PROGRAM_DOCUMENT_ID)
        .set({ data: { ...DEFAULT_PROGRAM, updatedAt: now } });
  }
  const admins = await db.collection(Collections.staff).where({ role: 'admin', status: 'active' }).count();
  if (admins.total > 0 && !options.newAdminCode) return undefined;
  const pending = await db
    .collection(Collections.staffInvitations)
    .where({ bootstrap: true, status: 'pending', expiresAt: db.command.gt(now) })
    .limit(10)
    .get();
  if (pending.data.length > 0 && !options.newAdminCode) {
    const expiresAt = new Date(pending.data[0].expiresAt as string | Date).toISOString();
    options.log?.(`已有一个未使用的管理员邀请（尾号 ${String(pending.data[0].codeHint)}，${expiresAt} 前有效）；丢失了邀请码时加 --new-admin-code 重新生成`);
    return undefined;
  }
  if (options.dryRun) {
    changes.push('生成一次性管理员邀请码');
    return undefined;
  }
  for (const old of pending.data) {
    await db
      .collection(Collections.staffInvitations)
      .doc(String(old._id))
      .update({ data: { status: 'disabled', disabledAt: now } });
    changes.push(`作废旧的管理员邀请（尾号 ${String(old.codeHint)}）`);
  }
  const code = codeFromBytes(randomBytes(16));
  await db
    .collection(Collections.staffInvitations)
    .doc(invitationIdOf(code))
    .set({
      data: {
        role: 'admin',
        storeIds: [],
        name: '管理员',
        status: 'pending',
        codeHint: codeHint(code),
        createdBy: { openid: 'bootstrap', name: '初始化脚本' },
        createdAt: now,
        expiresAt: new Date(now.getTime() + ADMIN_CODE_DAYS * 24 * 60 * 60 * 1000),
        acceptedAt: null,
        bootstrap: true,
      },
    });
  changes.push('生成一次性管理员邀请码');
  return formatCode(code);
}

export async function runBootstrap(options: BootstrapOptions): Promise<BootstrapResult> {
  const log = options.log ?? (() => undefined);
  const previousBaseUrl = process.env.TCB_BASE_URL;
  if (options.managementUrl) process.env.TCB_BASE_URL = options.managementUrl;
  try {
    const manager = new CloudBase({ secretId: options.secretId, secretKey: options.secretKey, envId: options.envId });
    const declared = declaredCollections(PROJECT_ROOT);
    const steps = planDatabase(
      declared,
      await readCurrent(
        manager,
        declared.map((c) => c.name),
      ),
    );
    const changes: string[] = [];
    for (const step of steps) {
      changes.push(describeStep(step));
      log(`${options.dryRun ? '（试运行）' : ''}${describeStep(step)}`);
      if (!options.dryRun) await apply(manager, step);
    }
    const before = changes.length;
    const adminCode = await seedData(dataDatabase(options), options, changes);
    for (const line of changes.slice(before)) log(line);
    return { changes, adminCode };
  } finally {
    if (options.managementUrl) {
      if (previousBaseUrl === undefined) delete process.env.TCB_BASE_URL;
      else process.env.TCB_BASE_URL = previousBaseUrl;
    }
  }
}

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** `--emulator`: the local emulator `npm start` runs (its state file names the address, env id and key pair). */
function emulatorTarget(args: string[]): { envId: string; secretId: string; secretKey: string; managementUrl: string; dataServiceUrl: string } | undefined {
  if (!args.includes('--emulator')) return undefined;
  const dataDir = process.env.EMULATOR_DATA_DIR ?? join(PROJECT_ROOT, '.emulator-data');
  const file = join(dataDir, 'emulator.json');
  if (!existsSync(file)) throw new Error(`没有找到正在运行的模拟器（${file}）：先运行 npm start`);
  const state = JSON.parse(readFileSync(file, 'utf8')) as { url: string; envId: string; credentials: { secretId: string; secretKey: string } };
  return { envId: state.envId, ...state.credentials, managementUrl: `${state.url}/_emulator/cloud-api`, dataServiceUrl: `${state.url}/admin` };
}

async function cli(): Promise<void> {
  const args = process.argv.slice(2);
  const local = emulatorTarget(args);
  const envId = local?.envId ?? argValue(args, '--env') ?? process.env.TCB_ENV;
  const secretId = local?.secretId ?? process.env.TENCENTCLOUD_SECRETID;
  const secretKey = local?.secretKey ?? process.env.TENCENTCLOUD_SECRETKEY;
  const missing = [!envId && '--env <环境 ID>', !secretId && 'TENCENTCLOUD_SECRETID', !secretKey && 'TENCENTCLOUD_SECRETKEY'].filter(Boolean);
  if (missing.length) {
    console.error(
      `缺少：${missing.join('、')}。用法：TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run cloud:bootstrap -- --env <环境 ID>（见 docs/deploy.md）`,
    );
    process.exit(2);
  }
  const result = await runBootstrap({
    envId: envId!,
    secretId: secretId!,
    secretKey: secretKey!,
    managementUrl: local?.managementUrl ?? argValue(args, '--management-url'),
    dataServiceUrl: local?.dataServiceUrl ?? argValue(args, '--data-url'),
    newAdminCode: args.includes('--new-admin-code'),
    dryRun: args.includes('--dry-run'),
    log: (line) => console.log(`· ${line}`),
  });
  if (result.changes.length === 0) console.log(`环境 ${envId} 已是最新：集合、索引、安全规则与配置都已就绪，本次没有任何改动。`);
  else console.log(`环境 ${envId}：完成 ${result.changes.length} 项改动。`);
  if (result.adminCode) {
    console.log('');
    console.log(`一次性管理员邀请码：${result.adminCode}（${ADMIN_CODE_DAYS} 天内有效，只显示这一次）`);
    console.log('用管理员的微信打开小程序 → 我的 → 接受员工邀请，输入上面的邀请码。');
  }
}

if (require.main === module) {
  cli().catch((error: Error) => {
    console.error(`初始化失败：${error.message}`);
    process.exit(1);
  });
}
