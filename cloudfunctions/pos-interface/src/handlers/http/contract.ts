import { z } from 'zod';
import { MAX_BATCH_REPLY_BYTES } from '../../domain/batch-reply';
import { MenuSyncSchema } from '../../domain/menu-sync';
import { OrderSyncSchema } from '../../domain/order';
import { CommonErrors } from '../../../../shared/kit/errors';
import { Errors } from '../../errors';

/**
 * The HTTP contract of `/v1/pos`, in one place: the routes validate with these schemas and
 * scripts/gen-openapi.ts turns the same objects into docs/pos-api/openapi.json.
 */
const CarbonLevelSchema = z.enum(['low', 'medium', 'high']);

export const OrderSyncReplySchema = z
  .object({
    orderId: z.string(),
    transactionType: z.enum(['sale', 'refund', 'void']),
    carbonStatus: z.enum(['calculated', 'pending']).meta({ description: 'pending：菜品或食材未知等原因暂无法计算，稍后由 order.carbon.calculated 回调告知' }),
    carbonImpact: z
      .object({
        totalCarbonFootprint: z.number().meta({ examples: [0.9] }),
        unit: z.literal('kg CO₂e'),
        baseline: z.number().meta({ examples: [2.4] }),
        carbonReduction: z.number().meta({ examples: [1.5] }),
        reductionPercent: z.number().meta({ examples: [62.5] }),
        carbonLevel: CarbonLevelSchema,
      })
      .nullable(),
    items: z.array(
      z.object({
        menuItemId: z.string(),
        carbonFootprint: z.number().nullable(),
        carbonLabel: z.object({ level: CarbonLevelSchema, icon: z.string() }).nullable(),
      }),
    ),
    reversal: z
      .object({
        transactionType: z.enum(['refund', 'void']),
        reversedAt: z.string(),
        amount: z.number().meta({ description: '冲销金额（元，负数）' }),
        carbonFootprint: z.number().nullable().meta({ description: '冲销的碳足迹（负数）' }),
        carbonReduction: z.number().nullable(),
      })
      .optional(),
    processedAt: z.string(),
  })
  .meta({ id: 'OrderSyncReply' });

export const BatchSyncSchema = z
  .object({
    orders: z.array(z.unknown()).min(1, { error: 'orders 至少一条' }).meta({ description: '订单数组，每条同 OrderSyncRequest，最多 500 条（超过返回 413）' }),
  })
  .meta({ id: 'BatchSyncRequest' });

/** A batch result's order reply: the single-order reply, whose per-dish items a very large batch may leave out. */
const BatchOrderReplySchema = OrderSyncReplySchema.partial({ items: true }).meta({
  id: 'BatchOrderReply',
  description: '同 OrderSyncReply；该条结果 itemsOmitted 为 true 时没有 items',
});

export const BatchSyncReplySchema = z
  .object({
    batchId: z.string(),
    totalCount: z.number().int(),
    successCount: z.number().int(),
    failedCount: z.number().int(),
    results: z.array(
      z.object({
        index: z.number().int(),
        orderId: z.string().nullable(),
        code: z.number().int().meta({ description: '0 成功；否则为错误码（40001 校验失败、40910 冲突 …）' }),
        message: z.string(),
        outcome: z.enum(['created', 'replayed', 'reversed']).optional(),
        itemsOmitted: z
          .literal(true)
          .optional()
          .meta({ description: '应答过大时为 true：该条 data 不含逐项 items（订单级 carbonImpact 仍在），可用单笔订单同步重发同一订单（幂等）取得' }),
        data: BatchOrderReplySchema.nullable(),
      }),
    ),
    itemsOmittedCount: z
      .number()
      .int()
      .meta({ description: `省略了逐项 items 的结果条数。应答超过 ${MAX_BATCH_REPLY_BYTES / 1024 / 1024} MB 时，从第一条放不下的结果起省略逐项明细` }),
  })
  .meta({ id: 'BatchSyncReply' });

export const MenuSyncReplySchema = z
  .object({
    syncId: z.string().meta({ examples: ['sync_20250115103000_ab12cd'] }),
    totalCount: z.number().int(),
    successCount: z.number().int(),
    failedCount: z.number().int(),
    failedItems: z.array(z.object({ itemId: z.string(), reason: z.string() })),
    carbonPendingItems: z.array(z.object({ itemId: z.string(), reason: z.string() })).meta({ description: '已同步但碳足迹暂无法计算的菜品（如食材未收录）' }),
    deactivatedCount: z.number().int().meta({ description: 'full 同步时置为 inactive 的菜品数' }),
    syncAt: z.string(),
  })
  .meta({ id: 'MenuSyncReply' });

export const TokenRequestSchema = z
  .object({ grant_type: z.literal('client_credentials', { error: 'grant_type 必须是 client_credentials' }) })
  .meta({ id: 'TokenRequest' });

export const TokenReplySchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z
      .number()
      .int()
      .meta({ examples: [7200] }),
  })
  .meta({ id: 'TokenReply' });

export const PingReplySchema = z.object({ pong: z.literal(true), integrationId: z.string(), serverTime: z.string() }).meta({ id: 'PingReply' });

export const VendorWebhookReplySchema = z
  .unknown()
  .meta({ id: 'VendorWebhookReply', description: '按厂商约定的应答格式（如美团 {"code":"OP_SUCCESS"}），处理结果同订单同步' });

const AUTH = [
  Errors.AUTH_HEADERS_MISSING,
  Errors.UNKNOWN_API_KEY,
  Errors.INTEGRATION_DISABLED,
  Errors.TIMESTAMP_OUT_OF_WINDOW,
  Errors.SIGNATURE_INVALID,
  Errors.NONCE_REPLAYED,
  Errors.TOKEN_INVALID,
  Errors.SECRET_UNAVAILABLE,
  Errors.IP_NOT_ALLOWED,
  Errors.RATE_LIMITED,
];

export interface ContractRoute {
  method: 'GET' | 'POST';
  path: string;
  operationId: string;
  summary: string;
  description: string;
  auth: 'signed' | 'vendor';
  request?: z.ZodType;
  response: z.ZodType;
  errors: { code: number; message: string; description: string }[];
}

export const POS_CONTRACT: ContractRoute[] = [
  {
    method: 'POST',
    path: '/v1/pos/order/sync',
    operationId: 'syncOrder',
    summary: '订单同步（收银系统 → 平台）',
    description:
      '同一接入下以 orderId 幂等：相同内容重复提交返回相同结果；不同内容返回 409，sale → refund/void 除外（冲销销售与碳足迹）。无法计算碳足迹时仍接收订单，carbonStatus 为 pending。',
    auth: 'signed',
    request: OrderSyncSchema,
    response: OrderSyncReplySchema,
    errors: [...AUTH, Errors.RESTAURANT_MISMATCH, Errors.ORDER_CONFLICT],
  },
  {
    method: 'POST',
    path: '/v1/pos/orders/batch-sync',
    operationId: 'batchSyncOrders',
    summary: '批量订单同步',
    description: '最多 500 条；逐条返回结果，部分成功时 HTTP 仍为 200。',
    auth: 'signed',
    request: BatchSyncSchema,
    response: BatchSyncReplySchema,
    errors: [...AUTH, Errors.BATCH_TOO_LARGE],
  },
  {
    method: 'POST',
    path: '/v1/pos/menu/sync',
    operationId: 'syncMenu',
    summary: '菜单同步（收银系统 → 平台）',
    description:
      'full 或 incremental。逐项校验，失败项列于 failedItems；有食材的菜品计算碳足迹（L2，给出供应商因子时 L3），碳标签变化时发送 carbon.label.updated。',
    auth: 'signed',
    request: MenuSyncSchema,
    response: MenuSyncReplySchema,
    errors: [...AUTH, Errors.RESTAURANT_MISMATCH, Errors.MENU_TOO_LARGE],
  },
  {
    method: 'POST',
    path: '/v1/pos/oauth/token',
    operationId: 'issueToken',
    summary: '获取访问令牌（OAuth 2.0 client_credentials）',
    description: '请求仍需签名；令牌 2 小时有效，之后可在 Authorization: Bearer 中携带（签名仍然必需）。',
    auth: 'signed',
    request: TokenRequestSchema,
    response: TokenReplySchema,
    errors: [...AUTH, Errors.UNSUPPORTED_GRANT_TYPE],
  },
  {
    method: 'GET',
    path: '/v1/pos/ping',
    operationId: 'ping',
    summary: '连通性与签名自检',
    description: '签名正确时返回 pong、接入 ID 与服务器时间（可用于校准时钟）。',
    auth: 'signed',
    response: PingReplySchema,
    errors: AUTH,
  },
  {
    method: 'POST',
    path: '/v1/pos/webhooks/{integrationId}',
    operationId: 'vendorWebhook',
    summary: '厂商格式推送（客如云、二维火、美团收银）',
    description:
      '按该接入的厂商适配器解析与验签（厂商规则与厂商密钥 vendorSecret，不使用 X-Signature 与平台接入密钥；vendor 为 standard 时用签名请求头，' +
      '此时签名类错误码同其他签名接口，且 API Key 必须属于地址中的接入，否则 40114），然后走订单同步的同一流程（含 40001 订单校验、40311、40910）。',
    auth: 'vendor',
    response: VendorWebhookReplySchema,
    errors: [
      Errors.INTEGRATION_NOT_FOUND,
      Errors.VENDOR_SIGNATURE_INVALID,
      Errors.VENDOR_PAYLOAD_INVALID,
      // standard vendor: the signed-request checks; every vendor: the clock check and the key
      ...AUTH,
      Errors.RESTAURANT_MISMATCH,
      Errors.ORDER_CONFLICT,
      CommonErrors.VALIDATION_FAILED,
      CommonErrors.INVALID_JSON,
    ],
  },
];
