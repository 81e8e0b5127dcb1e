import type { OpenChecks, PayScoreAuthorization, ScanResolution, SessionView } from '../../../../typings/api/cabinet-views';
import { DEVICE_CODE_PATTERN } from '../../../../typings/api/cabinet';
import { maskPhone } from '../../../shared/domain/phone';
import { masterKeyFromEnv } from '../../../shared/domain/secret-box';
import { revealPhone } from '../../../shared/members/phone-vault';
import { authorizationOf, payScoreMode, requestAuthorization } from '../../../shared/payscore';
import { evaluateOpenChecks } from '../domain/open-checks';
import { holdsDiner } from '../domain/session-state';
import { findDevice, listStoreDevices } from '../repositories/devices';
import { findDiner } from '../repositories/diners';
import { findMember } from '../repositories/members';
import { findSession } from '../repositories/sessions';
import { findStore, findStoreByCode, loyaltyProgram } from '../repositories/stores';
import { minTicketBalanceOf, owedOrders, unpaidView } from './unpaid';
import { deviceCard, sessionView } from './views';

/** What a scanned code names: `d=<deviceCode>` / `s=<storeCode>` (mini-program code scene, maybe URL-encoded) or a bare device code. */
export function parseScene(scene: string): { deviceCode?: string; storeCode?: string } {
  let text = scene.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    // a stray % is left as it is
  }
  const params = new URLSearchParams(text.replace(/^\?/, ''));
  const d = params.get('d') ?? params.get('device');
  const s = params.get('s') ?? params.get('store');
  if (d) return { deviceCode: d };
  if (s) return { storeCode: s };
  return DEVICE_CODE_PATTERN.test(text) ? { deviceCode: text } : {};
}

export async function resolveScan(input: { scene?: string; deviceCode?: string; storeCode?: string }): Promise<ScanResolution<Date>> {
  const target = input.deviceCode || input.storeCode ? { deviceCode: input.deviceCode, storeCode: input.storeCode } : parseScene(input.scene ?? '');
  if (target.deviceCode && DEVICE_CODE_PATTERN.test(target.deviceCode)) {
    const device = await findDevice(target.deviceCode);
    if (device) {
      const store = device.storeId ? await findStore(device.storeId) : null;
      return { kind: 'device', device: deviceCard(device, target.deviceCode, store) };
    }
  }
  if (target.storeCode) {
    const store = await findStoreByCode(target.storeCode);
    if (store) {
      const devices = await listStoreDevices(store._id);
      return {
        kind: 'store',
        store: { storeId: store._id, name: store.name, address: store.address ?? '' },
        devices: devices.map((d) => deviceCard(d, d.deviceCode, store)),
      };
    }
  }
  if (target.deviceCode) return { kind: 'device', device: deviceCard(null, target.deviceCode.slice(0, 32), null) };
  return { kind: 'unknown', text: '这不是智能柜或门店的小程序码' };
}

function phoneOf(member: Awaited<ReturnType<typeof findMember>>): string | null {
  if (!member) return null;
  try {
    const phone = revealPhone(member, masterKeyFromEnv);
    return phone ? maskPhone(phone) : null;
  } catch {
    return member.phoneSealed ? '已绑定' : null;
  }
}

/** The page's checks, in the seed's order; the open call repeats the deciding ones itself. */
export async function checkBeforeOpen(openid: string, deviceCode: string): Promise<OpenChecks<Date>> {
  const mode = payScoreMode();
  const [device, member, diner, authorization, program] = await Promise.all([
    findDevice(deviceCode),
    findMember(openid),
    findDiner(openid),
    authorizationOf(openid).catch(() => null),
    loyaltyProgram(),
  ]);
  const store = device?.storeId ? await findStore(device.storeId) : null;
  const card = deviceCard(device, deviceCode, store);
  const [owed, current] = await Promise.all([
    owedOrders(openid, diner?.unpaidOrderIds ?? []),
    diner?.sessionId ? findSession(diner.sessionId) : Promise.resolve(null),
  ]);
  const openSession: SessionView<Date> | null =
    current && holdsDiner(current.state) && (!diner?.lockUntil || new Date(diner.lockUntil).getTime() > Date.now())
      ? sessionView(current, store?.name ?? null)
      : null;
  const ticketBalance = member?.tickets ?? 0;
  const minimum = store ? minTicketBalanceOf(store, program.rules.ticketsPerYuan) : program.rules.ticketsPerYuan;
  const payScoreState = authorization ? authorization.state : 'unavailable';
  const phoneBound = !!(member?.phoneSealed || member?.phone);
  const result = evaluateOpenChecks({
    availability: card.availability,
    phoneBound,
    unpaidCount: owed.length,
    ticketBalance,
    minTicketBalance: minimum,
    payScore: payScoreState,
    payScoreMode: mode,
  });
  const payScoreText = { authorized: '已开通微信支付分', unauthorized: '未开通微信支付分', unavailable: '支付分暂不可用' }[payScoreState];
  return {
    device: card,
    checks: result.checks,
    blockedBy: result.blockedBy,
    phoneBound,
    phoneMasked: phoneOf(member),
    unpaidOrders: owed.map((order) => unpaidView(order, store?.name ?? null)),
    tickets: { balance: ticketBalance, minimum, enough: ticketBalance >= minimum && ticketBalance > 0, ticketsPerYuan: program.rules.ticketsPerYuan },
    payScore: { state: payScoreState, stateText: payScoreText, mode },
    methods: result.methods,
    openSession,
    canOpen: result.canOpen && !openSession,
  };
}

export async function authorizePayScore(openid: string): Promise<PayScoreAuthorization> {
  const current = await authorizationOf(openid, { askWeChat: true });
  if (current.state === 'authorized') return { authorized: true, navigate: null };
  const navigate = await requestAuthorization(openid);
  return { authorized: false, navigate: { appId: navigate.appId, path: navigate.path, extraData: { ...navigate.extraData } } };
}
