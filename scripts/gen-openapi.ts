/**
 * docs/pos-api/openapi.json is generated from the zod schemas the routes validate with
 * (cloudfunctions/pos-interface/src/handlers/http/contract.ts) — never written by hand.
 * `--check` exits 1 when the checked-in file is stale (CI; test/pos-interface/openapi.test.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { componentRef, schemaRenderer, writeOrCheck } from './openapi-kit';
import { POS_CONTRACT } from '../cloudfunctions/pos-interface/src/handlers/http/contract';
import { httpStatusOf } from '../cloudfunctions/shared/kit/errors';
import { CommonErrors } from '../cloudfunctions/shared/kit/errors';

export const OPENAPI_PATH = join(__dirname, '..', 'docs', 'pos-api', 'openapi.json');

const ref = componentRef;

/** A schema registered with `.meta({ id })` becomes a component; others are inlined. */
const schemaOf = schemaRenderer((schema) => z.globalRegistry.get(schema)?.id);

function envelope(data: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['code', 'message', 'data'],
    properties: { code: { type: 'integer', const: 0 }, message: { type: 'string' }, data, requestId: { type: 'string' } },
  };
}

const signedHeaders = [
  { name: 'X-API-Key', in: 'header', required: true, schema: { type: 'string' }, description: '接入配置的 API Key' },
  {
    name: 'X-Timestamp',
    in: 'header',
    required: true,
    schema: { type: 'string', pattern: '^\\d{9,11}$' },
    description: 'Unix 秒；与服务器时间相差超过 300 秒即拒绝',
  },
  {
    name: 'X-Nonce',
    in: 'header',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' },
    description: '16–64 位随机串，300 秒内不可重复',
  },
  {
    name: 'X-Signature',
    in: 'header',
    required: true,
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    description: 'HMAC-SHA256(secret, METHOD\\nPATH_WITH_QUERY\\nTIMESTAMP\\nNONCE\\nRAW_BODY) 的小写十六进制',
  },
  {
    name: 'Authorization',
    in: 'header',
    required: false,
    schema: { type: 'string', pattern: '^Bearer ' },
    description: '可选：/oauth/token 取得的 Bearer 令牌（签名仍然必需）',
  },
];

export function buildOpenApi(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  const components: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) {
    const { $schema: _ignored, $id: _dollarId, id: _id, ...rest } = schema;
    components[id] = rest;
  }
  components.ErrorEnvelope = {
    type: 'object',
    required: ['code', 'message', 'data'],
    properties: {
      code: { type: 'integer', description: '非 0 错误码，见 README 错误码表' },
      message: { type: 'string' },
      data: { type: 'null' },
      details: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
      requestId: { type: 'string' },
    },
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of POS_CONTRACT) {
    const errors = [...route.errors, ...(route.request ? [CommonErrors.VALIDATION_FAILED, CommonErrors.INVALID_JSON] : [])];
    const byStatus = new Map<number, string[]>();
    for (const e of errors) byStatus.set(httpStatusOf(e.code), [...(byStatus.get(httpStatusOf(e.code)) ?? []), `${e.code} ${e.message}`]);
    const responses: Record<string, unknown> = {
      200: {
        description: '成功',
        content: { 'application/json': { schema: route.auth === 'vendor' ? schemaOf(route.response) : envelope(schemaOf(route.response)) } },
      },
    };
    for (const [status, lines] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[status] = {
        description: lines.join('；'),
        ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: '距下一分钟额度的秒数' } } } : {}),
        content: { 'application/json': { schema: ref('ErrorEnvelope') } },
      };
    }
    paths[route.path] = {
      ...(paths[route.path] ?? {}),
      [route.method.toLowerCase()]: {
        operationId: route.operationId,
        summary: route.summary,
        description: route.description,
        parameters: [
          ...(route.path.includes('{integrationId}') ? [{ name: 'integrationId', in: 'path', required: true, schema: { type: 'string' } }] : []),
          ...(route.auth === 'signed' ? signedHeaders : []),
        ],
        ...(route.request ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.request) } } } } : {}),
        responses,
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: '气候餐厅收银系统接口（POS API）',
      version: '1.0.0',
      description: '由 scripts/gen-openapi.ts 从 zod 校验模式生成，请勿手工修改。签名与接入说明见 docs/pos-api/README.md。',
    },
    servers: [
      { url: 'https://api.climate-restaurant.com', description: '生产（CloudBase HTTP 访问服务）' },
      { url: 'http://127.0.0.1:8787', description: '本地模拟器（npm start）' },
    ],
    paths,
    components: { schemas: components },
  };
}

export function renderOpenApi(): string {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
}

if (require.main === module) {
  writeOrCheck(OPENAPI_PATH, renderOpenApi(), 'docs/pos-api/openapi.json is stale: run npx tsx scripts/gen-openapi.ts');
}
