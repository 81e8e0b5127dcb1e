import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogIndex } from '../database';
import type { EndpointContext } from '../types';
import { header, parseJsonObject, readBody, sendJson } from './body';

/**
 * `POST /_emulator/cloud-api`: the part of Tencent Cloud's `tcb` management API (API 3.0,
 * TC3-HMAC-SHA256 signed, action in `X-TC-Action`) that the bootstrap uses through the official
 * @cloudbase/manager-node — point it here with `TCB_BASE_URL`. Environment info, collections
 * (CreateTable / DescribeTable / ListTables), indexes (UpdateTable) and collection security rules
 * (ModifyResourcePermission / DescribeResourcePermission), with the reply shapes of the real API
 * (`{ Response: { …, RequestId } }`, errors as `Response.Error { Code, Message }`).
 */
export const CLOUD_API_PATH = '/_emulator/cloud-api';

type Params = Record<string, unknown>;

class CloudApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/** TC3-HMAC-SHA256 as Tencent Cloud checks it (service `tcb`, signed headers content-type;host). */
function verifyTc3(req: IncomingMessage, raw: Buffer, secretId: string, secretKey: string): void {
  const authorization = header(req, 'authorization') ?? '';
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([\w-]+)\/tc3_request, SignedHeaders=([\w;-]+), Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!match) throw new CloudApiError('AuthFailure.SignatureFailure', 'The Authorization header is not a TC3-HMAC-SHA256 signature');
  const [, id, date, service, signedHeaders, signature] = match;
  if (id !== secretId) throw new CloudApiError('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
  const timestamp = Number(header(req, 'x-tc-timestamp'));
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) throw new CloudApiError('AuthFailure.SignatureExpire', 'Signature expired');
  const host = (header(req, 'host') ?? '').replace(/:\d+$/, '');
  const headers = signedHeaders
    .split(';')
    .map((name) => `${name}:${name === 'host' ? host : (header(req, name) ?? '').trim()}\n`)
    .join('');
  const url = new URL(req.url ?? '/', 'http://x');
  const canonical = `POST\n${url.pathname}\n${url.search.slice(1)}\n${headers}\n${signedHeaders}\n${sha256(raw.toString('utf8'))}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  const expected = createHmac('sha256', key).update(toSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex')))
    throw new CloudApiError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated');
}

function tableName(params: Params): string {
  const name = params.TableName;
  if (typeof name !== 'string' || !name) throw new CloudApiError('InvalidParameter', 'TableName is required');
  return name;
}

function toIndex(raw: unknown): CatalogIndex {
  const spec = raw as { IndexName?: unknown; MgoKeySchema?: { MgoIndexKeys?: { Name?: unknown; Direction?: unknown }[]; MgoIsUnique?: unknown } };
  if (typeof spec?.IndexName !== 'string' || !Array.isArray(spec.MgoKeySchema?.MgoIndexKeys))
    throw new CloudApiError('InvalidParameter', 'CreateIndexes: IndexName and MgoKeySchema.MgoIndexKeys are required');
  const keys = spec.MgoKeySchema.MgoIndexKeys.map((key): [string, 1 | -1] => {
    if (typeof key.Name !== 'string' || !key.Name) throw new CloudApiError('InvalidParameter', `index ${spec.IndexName}: key Name is required`);
    return [key.Name, String(key.Direction) === '-1' ? -1 : 1];
  });
  return { name: spec.IndexName, keys, unique: spec.MgoKeySchema.MgoIsUnique === true };
}

function handleAction(action: string, params: Params, { emulator }: EndpointContext): Params {
  const { db } = emulator;
  if (params.EnvId !== undefined && params.EnvId !== emulator.envId)
    throw new CloudApiError('ResourceNotFound', `Environment ${String(params.EnvId)} not found`);
  switch (action) {
    case 'DescribeEnvInfo':
      return {
        EnvInfo: {
          EnvBaseInfo: {
            EnvId: emulator.envId,
            Alias: emulator.envId,
            Status: 'NORMAL',
            Region: 'ap-shanghai',
            Databases: [{ InstanceId: `${emulator.envId}-db`, Status: 'RUNNING', Region: 'ap-shanghai' }],
            Storages: [],
            Functions: [{ Namespace: emulator.envId, Region: 'ap-shanghai' }],
          },
        },
      };
    case 'CreateTable': {
      const name = tableName(params);
      if (!db.createManagedCollection(name)) throw new CloudApiError('ResourceInUse', `Table exist: ${name}`);
      return {};
    }
    case 'DescribeTable': {
      const name = tableName(params);
      const table = db.describeCollection(name);
      if (!table) throw new CloudApiError('ResourceNotFound', `Db or Table not exist: ${name}`);
      const indexes = [{ name: '_id_', keys: [['_id', 1]] as [string, 1 | -1][], unique: true }, ...table.indexes];
      return {
        IndexNum: indexes.length,
        Indexes: indexes.map((index) => ({
          Name: index.name,
          Size: 0,
          Unique: index.unique,
          Keys: index.keys.map(([field, direction]) => ({ Name: field, Direction: String(direction) })),
          Accesses: { Ops: 0, Since: new Date(0).toISOString() },
        })),
        Count: table.count,
        Size: 0,
      };
    }
    case 'ListTables': {
      const all = db.listCollections();
      const offset = Number(params.MgoOffset ?? 0) || 0;
      const limit = Number(params.MgoLimit ?? 100) || 100;
      const tables = all.slice(offset, offset + limit).map((name) => {
        const table = db.describeCollection(name);
        return { TableName: name, Count: table?.count ?? 0, Size: 0, IndexCount: (table?.indexes.length ?? 0) + 1, IndexSize: 0 };
      });
      return { Tables: tables.length ? tables : null, Pager: { Offset: offset, Limit: limit, Total: all.length } };
    }
    case 'UpdateTable': {
      const name = tableName(params);
      const create = Array.isArray(params.CreateIndexes) ? params.CreateIndexes.map(toIndex) : [];
      const drop = Array.isArray(params.DropIndexes) ? params.DropIndexes.map((d) => String((d as { IndexName?: unknown }).IndexName ?? '')) : [];
      try {
        db.updateIndexes(name, create, drop);
      } catch (error) {
        throw new CloudApiError('FailedOperation', (error as Error).message);
      }
      return {};
    }
    case 'ModifyResourcePermission': {
      if (params.ResourceType !== 'collection') throw new CloudApiError('UnsupportedOperation', 'the local emulator keeps collection permissions only');
      const name = String(params.Resource ?? '');
      const permission = String(params.Permission ?? '');
      if (!['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM'].includes(permission))
        throw new CloudApiError('InvalidParameter', `Permission ${permission}`);
      if (permission === 'CUSTOM') {
        try {
          JSON.parse(String(params.SecurityRule ?? ''));
        } catch {
          throw new CloudApiError('InvalidParameter', 'SecurityRule must be JSON');
        }
      }
      if (!db.describeCollection(name)) throw new CloudApiError('ResourceNotFound', `Db or Table not exist: ${name}`);
      db.setRule(name, { permission, ...(permission === 'CUSTOM' ? { securityRule: String(params.SecurityRule) } : {}) });
      return { Success: true };
    }
    case 'DescribeResourcePermission': {
      const names = Array.isArray(params.Resources) ? params.Resources.map(String) : db.listCollections();
      const list = names
        .map((name) => ({ name, table: db.describeCollection(name) }))
        .filter((entry) => entry.table)
        .map(({ name, table }) => ({
          ResourceType: 'collection',
          Resource: name,
          // CloudBase's default for a new collection: only the creator reads and writes its own… here: admin only
          Permission: table?.rule?.permission ?? 'ADMINONLY',
          ...(table?.rule?.securityRule ? { SecurityRule: table.rule.securityRule } : {}),
        }));
      return { Data: { TotalCount: list.length, PermissionList: list } };
    }
    default:
      throw new CloudApiError('UnsupportedOperation', `the local emulator does not implement ${action}`);
  }
}

export async function handleCloudApi(req: IncomingMessage, res: ServerResponse, context: EndpointContext): Promise<void> {
  const raw = await readBody(req);
  const RequestId = randomUUID();
  const action = header(req, 'x-tc-action') ?? '';
  try {
    const { secretId, secretKey } = context.emulator.credentials;
    verifyTc3(req, raw, secretId, secretKey);
    const params = parseJsonObject(raw);
    if (!params) throw new CloudApiError('InvalidParameter', 'the request body is not a JSON object');
    return sendJson(res, 200, { Response: { ...handleAction(action, params, context), RequestId } });
  } catch (error) {
    if (!(error instanceof CloudApiError)) throw error;
    return sendJson(res, 200, { Response: { Error: { Code: error.code, Message: error.message }, RequestId } });
  }
}
