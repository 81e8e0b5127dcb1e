import type {
  AlarmKind,
  CabinetOrderState,
  CabinetOrderType,
  CabinetPaymentType,
  DeviceAvailability,
  DeviceStatus,
  ManualTaskKind,
  ManualTaskStatus,
  ProductStatus,
  SessionState,
} from '../../../../typings/api/cabinet-views';
import type { ReviewReason } from './settlement';

/** The Chinese texts replies carry beside each status (keyed by the contract's unions, so none can be missing). */
export const AVAILABILITY_TEXTS: Record<DeviceAvailability, string> = {
  available: '设备空闲，可以开门',
  busy: '柜子正在被使用，请稍候再扫',
  unknown: '没有找到这台智能柜，请确认扫的是柜子上的小程序码',
  unbound: '这台智能柜尚未启用，请联系门店',
  offline: '设备离线，请稍后再试或联系门店',
  maintenance: '设备维护中，暂停使用',
  store_closed: '门店已停业',
};

export const SESSION_TEXTS: Record<SessionState, { text: string; hint: string }> = {
  confirming: { text: '待确认支付分', hint: '请在微信支付分页面确认后开门' },
  opening: { text: '正在开门', hint: '柜门马上打开，请稍候' },
  opened: { text: '柜门已打开', hint: '请取出商品后关好柜门，关门后自动结算' },
  closed: { text: '柜门已关闭', hint: '正在识别您取走的商品，请稍候' },
  settling: { text: '结算中', hint: '正在扣款，无需任何操作' },
  paid: { text: '已支付', hint: '支付完成，欢迎再来' },
  unpaid: { text: '待支付', hint: '礼票不足以支付全部金额，请用微信支付剩余金额' },
  review: { text: '人工审核中', hint: '订单需门店审核，审核后自动处理，暂不扣款' },
  empty: { text: '未购物', hint: '您没有取走商品，未扣款' },
  timeout: { text: '开门超时', hint: '柜门没有打开，本次未扣款，请重新扫码' },
  failed: { text: '开门失败', hint: '柜门没能打开，本次未扣款，请重新扫码或联系门店' },
  cancelled: { text: '已取消', hint: '本次开门已取消，未扣款' },
  restocked: { text: '补货完成', hint: '补货门已关闭' },
};

export const ORDER_STATE_TEXTS: Record<CabinetOrderState, string> = {
  charging: '扣款中',
  paid: '已支付',
  unpaid: '待支付',
  review: '待审核',
  cancelled: '已取消',
};

export const PAYMENT_TYPE_TEXTS: Record<CabinetPaymentType, string> = {
  payscore: '微信支付分',
  tickets: '礼票',
  tickets_wechat: '礼票 + 微信支付',
  wechat: '微信支付',
  none: '未支付',
};

export const ORDER_TYPE_TEXTS: Record<CabinetOrderType, string> = { normal: '正常', corrected: '已修正', supplement: '补扣' };

export const DEVICE_STATUS_TEXTS: Record<DeviceStatus, string> = { online: '在线', offline: '离线', maintenance: '维护中', unbound: '未绑定' };
export const BIND_STATUS_TEXTS: Record<'bound' | 'binding' | 'unbound', string> = { bound: '已绑定', binding: '绑定中', unbound: '未绑定' };

export const TASK_KIND_TEXTS: Record<ManualTaskKind, string> = {
  order_processing: '订单处理失败',
  vendor_call: '厂商接口调用失败',
  payscore_call: '支付分调用失败',
  amount_review: '金额超限待审核',
  abnormal_order: '异常订单待审核',
};
export const TASK_STATUS_TEXTS: Record<ManualTaskStatus, string> = { open: '待处理', retrying: '重试中', resolved: '已解决', closed: '已关闭' };

export const ALARM_TEXTS: Record<AlarmKind, string> = {
  camera: '摄像头故障',
  weight_sensor: '称重故障',
  power: '电源故障',
  temperature: '温度异常',
  lock: '门锁故障',
  network: '网络故障',
  shopping_timeout: '购物超时',
  door_opened_without_shopping: '开门未购物',
  inventory_mismatch: '库存不符',
};

export const REVIEW_REASON_TEXTS: Record<ReviewReason, string> = {
  amount_limit: '金额超过门店限额',
  amount_mismatch: '厂商合计与明细不符',
  camera_error: '摄像头异常',
  weight_error: '重量异常',
  unknown_item: '未知商品',
  foreign_object: '异物',
  other: '其他异常',
};

export const PRODUCT_STATUS_TEXTS: Record<ProductStatus, string> = { on_sale: '在售', off_sale: '已下架' };
