/**
 * docs/cabinet-api/openapi.json is generated from the zod schemas of the 小麦 vendor protocol
 * (cloudfunctions/cabinet/src/adapters/xiaomai/protocol.ts), both directions — never written by
 * hand. `--check` exits 1 when the checked-in file is stale (test/cabinet/openapi.test.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { componentRef, schemaRenderer, writeOrCheck } from './openapi-kit';
import { INBOUND_ROUTES, InboundAckSchema, OUTBOUND_CALLS, vendorReplySchema, vendorSchemas } from '../cloudfunctions/cabinet/src/adapters/xiaomai/protocol';
import { Errors } from '../cloudfunctions/cabinet/src/errors';
import { CommonErrors, httpStatusOf } from '../cloudfunctions/shared/kit/errors';

export const CABINET_OPENAPI_PATH = join(__dirname, '..', 'docs', 'cabinet-api', 'openapi.json');

const ref = componentRef;
const schemaOf = schemaRenderer((schema) => vendorSchemas.get(schema)?.id);

const signedHeaders = [
  { name: 'X-API-Key', in: 'header', required: true, schema: { type: 'string' }, description: '厂商接入的密钥编号' },
  { name: 'X-Timestamp', in: 'header', required: true, schema: { type: 'string', pattern: '^\\d{9,11}$' }, description: 'Unix 秒；相差超过 300 秒即拒绝' },
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
];

const GUARD_ERRORS = [
  Errors.AUTH_HEADERS_MISSING,
  Errors.UNKNOWN_API_KEY,
  Errors.VENDOR_DISABLED,
  Errors.TIMESTAMP_OUT_OF_WINDOW,
  Errors.SIGNATURE_INVALID,
  Errors.IP_NOT_ALLOWED,
  Errors.NONCE_REPLAYED,
  Errors.RATE_LIMITED,
  CommonErrors.VALIDATION_FAILED,
  CommonErrors.INVALID_JSON,
];

export function buildCabinetOpenApi(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(vendorSchemas, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  const components: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) {
    const { $schema: _s, $id: _d, id: _i, ...rest } = schema;
    components[id] = rest;
  }
  components.ErrorEnvelope = {
    type: 'object',
    required: ['code', 'message', 'data'],
    properties: { code: { type: 'integer' }, message: { type: 'string' }, data: { type: 'null' }, details: { type: 'object' }, requestId: { type: 'string' } },
  };
  const byStatus = new Map<number, string[]>();
  for (const e of GUARD_ERRORS) byStatus.set(httpStatusOf(e.code), [...(byStatus.get(httpStatusOf(e.code)) ?? []), `${e.code} ${e.message}`]);
  const errorResponses = Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, lines]) => [status, { description: lines.join('；'), content: { 'application/json': { schema: ref('ErrorEnvelope') } } }]),
  );
  const paths: Record<string, unknown> = {};
  for (const [key, route] of Object.entries(INBOUND_ROUTES)) {
    paths[route.path] = {
      post: {
        operationId: `inbound_${key}`,
        tags: ['厂商 → 我方（入站）'],
        summary: route.summary,
        parameters: signedHeaders,
        requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.schema) } } },
        responses: {
          200: {
            description: '已接收（3 秒内应答；duplicate 表示重复推送）',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['code', 'message', 'data'],
                  properties: { code: { const: 0 }, message: { type: 'string' }, data: schemaOf(InboundAckSchema) },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    };
  }
  for (const [key, call] of Object.entries(OUTBOUND_CALLS)) {
    paths[`{vendorBaseUrl}${call.path}`] = {
      post: {
        operationId: `outbound_${key}`,
        tags: ['我方 → 厂商（出站）'],
        summary: call.summary,
        description: '厂商实现；地址为厂商接入记录的 baseUrl。签名同入站。HTTP 5xx / 超时按 15、30、60 秒重试三次后转人工处理。',
        parameters: signedHeaders,
        requestBody: { required: true, content: { 'application/json': { schema: schemaOf(call.request) } } },
        responses: {
          200: { description: 'code 0 成功；否则 errorCode 说明原因', content: { 'application/json': { schema: schemaOf(vendorReplySchema(call.reply)) } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '智能柜厂商接口（小麦）',
      version: '1.0.0',
      description:
        '由 scripts/gen-cabinet-openapi.ts 从 zod 模式生成，请勿手工修改。小麦的接口文档不公开，本协议按团队核实的公开视觉识别售货柜流程建模（见 docs/cabinet-vendor.md）。',
    },
    servers: [
      { url: 'https://api.climate-restaurant.com', description: '生产（CloudBase HTTP 访问服务，入站）' },
      { url: 'http://127.0.0.1:8787', description: '本地模拟器（npm start）' },
    ],
    paths,
    components: { schemas: components },
  };
}

export function renderCabinetOpenApi(): string {
  return `${JSON.stringify(buildCabinetOpenApi(), null, 2)}\n`;
}

if (require.main === module) {
  writeOrCheck(CABINET_OPENAPI_PATH, renderCabinetOpenApi(), 'docs/cabinet-api/openapi.json is stale: run npm run docs:cabinet-openapi');
}
