import { cabinetContract } from '../../../../typings/api/cabinet';
import { implement, requireOpenid } from '../../../shared/kit';
import { cancelOpen as cancel, confirmOpen as confirm, openDoor as open } from '../application/open-door';
import { authorizePayScore as authorize, checkBeforeOpen as check, resolveScan as resolve } from '../application/scan';
import { getCurrentSession as current, getSession as session } from '../application/session-read';

const a = cabinetContract.actions;

export const resolveScan = implement(a.resolveScan, (input) => resolve(input));
export const checkBeforeOpen = implement(a.checkBeforeOpen, (input, ctx) => check(requireOpenid(ctx.caller), input.deviceCode));
export const authorizePayScore = implement(a.authorizePayScore, (_input, ctx) => authorize(requireOpenid(ctx.caller)));
export const openDoor = implement(a.openDoor, (input, ctx) =>
  open({ openid: requireOpenid(ctx.caller), deviceCode: input.deviceCode, requestId: input.requestId, purpose: 'shopping', method: input.method }),
);
export const confirmOpen = implement(a.confirmOpen, (input, ctx) => confirm(requireOpenid(ctx.caller), input.sessionId));
export const cancelOpen = implement(a.cancelOpen, (input, ctx) => cancel(requireOpenid(ctx.caller), input.sessionId));
export const getSession = implement(a.getSession, (input, ctx) => session(requireOpenid(ctx.caller), input.sessionId));
export const getCurrentSession = implement(a.getCurrentSession, (_input, ctx) => current(requireOpenid(ctx.caller)));
