/**
 * The smart cabinet's facts on an order (seed 004 订单表: device, 小麦订单号, payment split, order
 * type, related order), kept under `cabinet` so the one order type stays one type. Written once,
 * when the cabinet places the order; money in fen.
 */
export const CABINET_ORDER_KINDS = ['normal', 'corrected', 'supplement'] as const;
export type CabinetOrderKind = (typeof CABINET_ORDER_KINDS)[number];

export interface CabinetOrderFacts {
  deviceCode: string;
  sessionId: string;
  /** 小麦订单号 (the vendor's order code) */
  vendorOrderNo: string;
  /** 正常 / 已修正 / 补扣 */
  orderType: CabinetOrderKind;
  /** 关联订单号: the order a correction or supplement belongs to */
  relatedOrderId?: string;
  /** what gift tickets paid, and how many tickets that took */
  ticketFen: number;
  ticketsSpent: number;
  /** what WeChat (Pay Score or WeChat Pay) is to collect */
  wechatFen: number;
  /** the diner's phone as staff may see it (masked) */
  userPhoneMasked?: string;
}

/** A stored `cabinet` sub-object read defensively (older or hand-written documents). */
export function readCabinetFacts(stored: unknown): CabinetOrderFacts | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const facts = stored as Partial<CabinetOrderFacts>;
  if (typeof facts.deviceCode !== 'string' || typeof facts.vendorOrderNo !== 'string') return undefined;
  const fen = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0);
  return {
    deviceCode: facts.deviceCode,
    sessionId: typeof facts.sessionId === 'string' ? facts.sessionId : '',
    vendorOrderNo: facts.vendorOrderNo,
    orderType: (CABINET_ORDER_KINDS as readonly string[]).includes(facts.orderType as string) ? (facts.orderType as CabinetOrderKind) : 'normal',
    ...(typeof facts.relatedOrderId === 'string' && facts.relatedOrderId ? { relatedOrderId: facts.relatedOrderId } : {}),
    ticketFen: fen(facts.ticketFen),
    ticketsSpent: fen(facts.ticketsSpent),
    wechatFen: fen(facts.wechatFen),
    ...(typeof facts.userPhoneMasked === 'string' ? { userPhoneMasked: facts.userPhoneMasked } : {}),
  };
}

/** What is still to be paid by WeChat Pay on an unpaid order: the total less what gift tickets covered. */
export function amountDueFen(order: { totalFen: number; cabinet?: CabinetOrderFacts }): number {
  return Math.max(0, order.totalFen - (order.cabinet?.ticketFen ?? 0));
}
