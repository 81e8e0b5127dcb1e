import type {
  CabinetPayMethod,
  DeviceAvailability,
  OpenCheckStep,
  OpenCheckView,
  PayMethodOption,
  PayScoreAuthState,
  PayScoreMode,
} from '../../../../typings/api/cabinet-views';

/**
 * The checks before a door opens, in the seed's order (四.4.1: 获取用户信息 → 检查待支付订单 → 检查礼票余额 →
 * 选择支付方式): phone bound → no unpaid order → gift-ticket balance → Pay Score authorization.
 * Phone and unpaid orders block opening; the last two only decide which payment ways are offered.
 */
export interface OpenCheckInput {
  availability: DeviceAvailability;
  phoneBound: boolean;
  unpaidCount: number;
  ticketBalance: number;
  minTicketBalance: number;
  payScore: PayScoreAuthState;
  payScoreMode: PayScoreMode;
}

export interface OpenCheckResult {
  checks: OpenCheckView[];
  blockedBy: OpenCheckStep | null;
  methods: PayMethodOption[];
  canOpen: boolean;
}

/** The method is offered: tickets need the store's minimum; Pay Score needs the authorization unless every order is confirmed. */
export function methodAvailability(
  method: CabinetPayMethod,
  input: Pick<OpenCheckInput, 'ticketBalance' | 'minTicketBalance' | 'payScore' | 'payScoreMode'>,
): string | null {
  if (method === 'tickets')
    return input.ticketBalance >= input.minTicketBalance && input.ticketBalance > 0 ? null : `礼票余额不足 ${input.minTicketBalance} 张`;
  if (input.payScore === 'unavailable') return '支付分暂不可用';
  if (input.payScore !== 'authorized' && input.payScoreMode === 'no_confirm') return '请先开通微信支付分';
  return null;
}

export function evaluateOpenChecks(input: OpenCheckInput): OpenCheckResult {
  const checks: OpenCheckView[] = [
    input.phoneBound ? { step: 'phone', outcome: 'passed', text: '已绑定手机号' } : { step: 'phone', outcome: 'blocked', text: '请先绑定手机号' },
    input.unpaidCount === 0
      ? { step: 'unpaid', outcome: 'passed', text: '没有待支付订单' }
      : { step: 'unpaid', outcome: 'blocked', text: `有 ${input.unpaidCount} 笔待支付订单，请先支付` },
    input.ticketBalance >= input.minTicketBalance && input.ticketBalance > 0
      ? { step: 'tickets', outcome: 'passed', text: `礼票余额 ${input.ticketBalance} 张` }
      : { step: 'tickets', outcome: 'warning', text: `礼票余额 ${input.ticketBalance} 张，至少 ${input.minTicketBalance} 张才能用礼票开门` },
    input.payScore === 'authorized'
      ? { step: 'payscore', outcome: 'passed', text: '已开通微信支付分' }
      : input.payScoreMode === 'confirm' && input.payScore !== 'unavailable'
        ? { step: 'payscore', outcome: 'passed', text: '每次开门在微信中确认支付分订单' }
        : { step: 'payscore', outcome: 'warning', text: input.payScore === 'unavailable' ? '支付分暂不可用' : '未开通微信支付分，开通后先购物后付款' },
  ];
  const methods = (['payscore', 'tickets'] as const).map((method) => {
    const reason = methodAvailability(method, input);
    return { method, available: reason === null, reason };
  });
  const blocked = checks.find((check) => check.outcome === 'blocked');
  const canOpen = input.availability === 'available' && !blocked && methods.some((m) => m.available);
  return { checks, blockedBy: blocked?.step ?? null, methods, canOpen };
}
