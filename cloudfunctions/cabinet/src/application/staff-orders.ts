import type { CabinetOrderDetail, CabinetOrderPage, CabinetOrderState, CabinetOrderType } from '../../../../typings/api/cabinet-views';
import { dayjs, DISPLAY_TIMEZONE } from '../../../shared/domain/time';
import { AppError } from '../../../shared/kit';
import { canSeeStore, type StaffMember } from '../../../shared/kit/roles';
import { findOrder } from '../../../shared/orders';
import { toPage } from '../../../shared/repositories/database';
import { findStoreNames } from '../../../shared/repositories/store-names';
import { Errors } from '../errors';
import { findAwaitingMoney, findSessionByOrderId, pageOrderSessions } from '../repositories/sessions';
import { currentState } from './session-read';
import { scopeOf } from './staff-devices';
import { cabinetOrderDetail, cabinetOrderView } from './views';

const dayStart = (day: string) => dayjs.tz(day, DISPLAY_TIMEZONE).toDate();

/**
 * The staff 订单 list reads the sessions (they carry the seed's order fields). Money the payment
 * function collected later (WeChat Pay of a remainder, Pay Score USER_PAID) is brought onto the
 * sessions of the scope before a status filter applies, so 已支付 / 待支付 are what they are now.
 */
export async function listCabinetOrders(
  staff: StaffMember,
  input: {
    storeId?: string;
    deviceCode?: string;
    fromDay?: string;
    toDay?: string;
    state?: CabinetOrderState;
    orderType?: CabinetOrderType;
    page: number;
    pageSize: number;
  },
): Promise<CabinetOrderPage<Date>> {
  const storeIds = scopeOf(staff, input.storeId);
  if (input.state) await Promise.all((await findAwaitingMoney(storeIds)).map((s) => currentState(s)));
  const { items, total } = await pageOrderSessions(
    {
      storeIds,
      ...(input.deviceCode ? { deviceCode: input.deviceCode } : {}),
      ...(input.fromDay ? { from: dayStart(input.fromDay) } : {}),
      ...(input.toDay ? { to: dayjs(dayStart(input.toDay)).add(1, 'day').toDate() } : {}),
      ...(input.state ? { state: input.state } : {}),
      ...(input.orderType ? { orderType: input.orderType } : {}),
    },
    input.page,
    input.pageSize,
  );
  const [names, orders] = await Promise.all([findStoreNames(items.map((s) => s.storeId)), Promise.all(items.map((s) => findOrder(s.order!.orderId)))]);
  return toPage(
    items.map((s, i) => cabinetOrderView(s, orders[i], names.get(s.storeId) ?? null)),
    total,
    input,
  );
}

export async function getCabinetOrder(staff: StaffMember, orderId: string): Promise<CabinetOrderDetail<Date>> {
  const found = await findSessionByOrderId(orderId);
  if (!found?.order || !canSeeStore(staff, found.storeId)) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
  const session = await currentState(found);
  const [order, names] = await Promise.all([findOrder(orderId), findStoreNames([session.storeId])]);
  return cabinetOrderDetail(session, order, names.get(session.storeId) ?? null);
}
