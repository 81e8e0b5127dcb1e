import type { PosVendor, SyncKind, WebhookEvent } from '../../../typings/api/pos-interface';

/**
 * Chinese labels for the POS integration pages: the one place for the pos-interface context's
 * labels. Maps keyed by a contract union are `Record<Union, string>`, so a new vendor or event
 * fails the typecheck until it has a label.
 */
export const VENDOR_LABELS: Record<PosVendor, string> = {
  standard: '标准协议',
  keruyun: '客如云',
  '2dfire': '二维火',
  meituan: '美团收银',
} satisfies Record<PosVendor, string>;

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  'menu.sync.completed': '菜单同步完成',
  'order.carbon.calculated': '订单碳足迹计算完成',
  'carbon.label.updated': '碳标签更新',
} satisfies Record<WebhookEvent, string>;

export const KIND_LABELS: Record<string, string> = {
  'order.sync': '订单同步',
  'orders.batch-sync': '批量订单同步',
  'menu.sync': '菜单同步（收银→平台）',
  'menu.push': '菜单推送（平台→收银）',
  'webhook.delivery': 'Webhook 投递',
  'vendor.webhook': '厂商推送',
  'oauth.token': '获取令牌',
  ping: '连通性检查',
  'test-connection': '测试连接',
} satisfies Record<SyncKind, string>;

export const SYNC_STATUS: Record<string, { label: string; theme: 'success' | 'warning' | 'danger' | 'primary' | 'default' }> = {
  success: { label: '成功', theme: 'success' },
  partial: { label: '部分成功', theme: 'warning' },
  failed: { label: '失败', theme: 'danger' },
  running: { label: '进行中', theme: 'primary' },
  pending: { label: '等待重试', theme: 'warning' },
  delivering: { label: '投递中', theme: 'primary' },
  delivered: { label: '已送达', theme: 'success' },
  dead: { label: '死信', theme: 'danger' },
  active: { label: '启用中', theme: 'success' },
  disabled: { label: '已停用', theme: 'default' },
};

export const HEALTH_LABELS: Record<string, string> = { healthy: '健康', degraded: '降级', unhealthy: '异常', idle: '无数据' };
