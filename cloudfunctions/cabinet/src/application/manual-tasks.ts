import type { CabinetOrderState, ManualTaskKind, ManualTaskPage, ManualTaskStatus, ManualTaskView } from '../../../../typings/api/cabinet-views';
import { AppError } from '../../../shared/kit';
import { canSeeStore, type StaffMember } from '../../../shared/kit/roles';
import { findOrder, markCancelled } from '../../../shared/orders';
import { completeSmartRetailOrder } from '../../../shared/payscore';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { toPage } from '../../../shared/repositories/database';
import type { ManualTaskRecord, SessionRecord } from '../domain/records';
import { fenCoveredByTickets, ticketsForFen } from '../domain/settlement';
import { nextSessionState } from '../domain/session-state';
import { Errors } from '../errors';
import { addOwed } from '../repositories/diners';
import { findMember } from '../repositories/members';
import { findSession, patchSession, updateSessionIf } from '../repositories/sessions';
import { loyaltyProgram } from '../repositories/stores';
import { findTask, moveTask, pageTasks } from '../repositories/tasks';
import { chargeTicketsOnOrder } from './charge';
import { replayJob } from './job-runner';
import { cancelPayScore } from './locks';
import { scopeOf } from './staff-devices';
import { taskView } from './views';

async function visibleTask(staff: StaffMember, taskId: string): Promise<ManualTaskRecord> {
  const task = await findTask(taskId);
  if (!task || (task.storeId ? !canSeeStore(staff, task.storeId) : staff.role !== 'admin'))
    throw new AppError(Errors.TASK_NOT_FOUND, { details: { field: 'taskId' } });
  return task;
}

export async function listManualTasks(
  staff: StaffMember,
  input: { storeId?: string; status?: ManualTaskStatus; kind?: ManualTaskKind; page: number; pageSize: number },
): Promise<ManualTaskPage<Date>> {
  const { items, total } = await pageTasks(
    { storeIds: scopeOf(staff, input.storeId), ...(input.status ? { status: input.status } : {}), ...(input.kind ? { kind: input.kind } : {}) },
    input.page,
    input.pageSize,
  );
  return toPage(items.map(taskView), total, input);
}

const isReview = (task: ManualTaskRecord) => task.kind === 'amount_review' || task.kind === 'abnormal_order';

/**
 * 立即重试. A dead job is replayed now. A reviewed order is approved and charged the way the diner
 * chose: Pay Score completed when the amount fits the authorized risk amount, otherwise the Pay
 * Score order is cancelled and the amount becomes owed by WeChat Pay; gift tickets spent with the
 * order in one transaction, any remainder owed.
 */
export async function retryManualTask(staff: StaffMember, taskId: string): Promise<ManualTaskView<Date>> {
  const task = await visibleTask(staff, taskId);
  if (!(await moveTask(taskId, ['open'], { status: 'retrying', attempts: task.attempts + 1 }))) throw new AppError(Errors.TASK_STATE_CONFLICT);
  try {
    if (isReview(task)) await approve(task);
    else if (task.jobId) {
      const { delivered } = await replayJob(task.jobId);
      if (!delivered) throw new Error('重试仍未成功');
    }
    await moveTask(taskId, ['retrying'], { status: 'resolved', closedBy: staff.openid, closedReason: '重试成功' });
  } catch (error) {
    await moveTask(taskId, ['retrying'], { status: 'open', reason: `${task.reason}；人工重试失败：${(error as Error)?.message ?? ''}`.slice(0, 200) });
  }
  return taskView((await findTask(taskId))!);
}

async function approve(task: ManualTaskRecord): Promise<void> {
  const session = task.sessionId ? await findSession(task.sessionId) : null;
  if (!session?.order || session.state !== 'review') throw new AppError(Errors.TASK_STATE_CONFLICT);
  const order = await findOrder(session.order.orderId);
  if (!order || order.status !== 'pending') throw new AppError(Errors.TASK_STATE_CONFLICT);
  if (session.method === 'payscore' && session.paymentId) {
    try {
      const done = await completeSmartRetailOrder(
        {
          paymentId: session.paymentId,
          orderId: order._id,
          items: session.order.items.map((i) => ({ name: i.name, quantity: i.quantity, unitPriceFen: i.unitPriceFen })),
        },
        { order },
      );
      await moveSession(session, 'charging', { wechatFen: done.payableFen, paymentIds: [session.paymentId], paymentType: 'payscore' });
      return;
    } catch (error) {
      // Above the authorized risk amount Pay Score cannot collect it: the diner pays it with WeChat Pay (去支付).
      if ((error as AppError)?.code !== 40042) throw error;
      await cancelPayScore(session, '金额超过支付分风险金额');
    }
    await owe(session, order.totalFen, 0);
    return;
  }
  const [member, program] = await Promise.all([findMember(session.openid), loyaltyProgram()]);
  const ticketFen = Math.min(order.totalFen, fenCoveredByTickets(member?.tickets ?? 0, program.rules.ticketsPerYuan));
  const charged = await chargeTicketsOnOrder(order._id, session.openid, {
    ticketFen,
    tickets: ticketsForFen(ticketFen, program.rules.ticketsPerYuan),
    program,
  });
  const covered = charged?.cabinet?.ticketFen ?? 0;
  if (charged?.status === 'paid')
    await moveSession(session, 'paid', {
      ticketFen: covered,
      ticketsSpent: charged.cabinet?.ticketsSpent ?? 0,
      wechatFen: 0,
      dueFen: 0,
      paymentType: 'tickets',
      paidAt: new Date(),
    });
  else await owe(session, order.totalFen - covered, covered, charged?.cabinet?.ticketsSpent ?? 0);
}

async function owe(session: SessionRecord, dueFen: number, ticketFen: number, ticketsSpent = 0): Promise<void> {
  await moveSession(session, 'unpaid', { dueFen, ticketFen, ticketsSpent, wechatFen: dueFen, paymentType: ticketFen > 0 ? 'tickets_wechat' : 'wechat' });
  await addOwed(session.openid, session.order!.orderId, new Date());
}

async function moveSession(
  session: SessionRecord,
  outcome: 'charging' | 'paid' | 'unpaid',
  facts: Partial<NonNullable<SessionRecord['order']>>,
): Promise<void> {
  const to = nextSessionState(session.state, session.purpose, { type: 'approved', outcome });
  if (!to.changed) throw new AppError(Errors.TASK_STATE_CONFLICT);
  const state: CabinetOrderState = outcome;
  const order = { ...session.order!, ...facts, state, abnormal: session.order!.abnormal };
  if (!(await updateSessionIf(session._id, 'review', { state: to.state, order, orderState: state, ...(to.state === 'paid' ? { endedAt: new Date() } : {}) })))
    throw new AppError(Errors.TASK_STATE_CONFLICT);
}

/** 关闭: a retried step is given up (with the reason); a reviewed order is cancelled without charging. */
export async function closeManualTask(staff: StaffMember, taskId: string, reason: string): Promise<ManualTaskView<Date>> {
  const task = await visibleTask(staff, taskId);
  if (task.status === 'closed' || task.status === 'resolved') throw new AppError(Errors.TASK_STATE_CONFLICT);
  if (isReview(task)) {
    const session = task.sessionId ? await findSession(task.sessionId) : null;
    if (session?.order && session.state === 'review') {
      const to = nextSessionState(session.state, session.purpose, { type: 'rejected' });
      await runInTransaction(async (tx) => {
        await markCancelled(tx, session.order!.orderId, new Date());
      });
      await updateSessionIf(session._id, 'review', {
        state: to.state,
        endedAt: new Date(),
        endReason: `门店审核未通过：${reason}`.slice(0, 80),
        orderState: 'cancelled',
        order: { ...session.order, state: 'cancelled' },
      });
      await cancelPayScore(session, '门店审核未通过');
    }
  }
  if (!(await moveTask(taskId, ['open'], { status: 'closed', closedReason: reason, closedBy: staff.openid }))) throw new AppError(Errors.TASK_STATE_CONFLICT);
  return taskView((await findTask(taskId))!);
}

export { patchSession };
