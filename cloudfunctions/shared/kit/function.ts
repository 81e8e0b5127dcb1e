import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AnyActionSpec, Contract } from '../../../typings/api/contract';
import { currentCaller, isClientCall, isTriggeredBy, PlatformSources } from './caller';
import { configProblems, describeConfigProblems } from './config';
import { failure, success, type Envelope } from './envelope';
import { AppError, CommonErrors, httpStatusOf } from './errors';
import { compilePath, isHttpAccessEvent, jsonReply, parseJsonBody, toHttpRequest, type HttpReply, type HttpRequest } from './http';
import { createLogger, type Logger } from './logger';
import { assertStaffAccess } from './roles';
import { parseInput } from './validation';
import { isTransactionConflict } from '../repositories/database';
import { findStaffByOpenid } from '../repositories/staff-repository';
import type { ActionContext, ActionHandler, ActionHandlers, FunctionImplementation, RouteDefinition, StaffActionContext, TimerEvent } from './function-types';

export type {
  ActionContext,
  ActionHandler,
  ActionHandlers,
  FunctionImplementation,
  RouteDefinition,
  RouteResult,
  StaffActionContext,
  TimerEvent,
} from './function-types';

/** Types a handler written away from `createFunction` against its contract action. */
export function implement<S extends AnyActionSpec>(_spec: S, handler: ActionHandler<S>): ActionHandler<S> {
  return handler;
}

export function defineRoute<G, B extends z.ZodType, Q extends z.ZodType>(definition: RouteDefinition<G, B, Q>): RouteDefinition<G, B, Q> {
  return definition;
}

function isTimerEvent(event: unknown): event is TimerEvent {
  return (event as TimerEvent | null)?.Type === 'Timer';
}

function toFailure(error: unknown, log: Logger): { envelope: Envelope<null>; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    if (error.code >= 50000) log.error('request failed', { code: error.code, error: error.message });
    return { envelope: failure(error.code, error.message, error.details, log.requestId), headers: error.headers };
  }
  if (isTransactionConflict(error)) {
    // Contention, not a fault: nothing was written (the transaction rolled back) and the same call may be retried.
    log.warn('transaction conflict', { code: CommonErrors.BUSY.code });
    return { envelope: failure(CommonErrors.BUSY.code, CommonErrors.BUSY.message, { retryable: true }, log.requestId) };
  }
  // Unexpected: the caller sees a generic message and the request id; the stack stays in the log.
  log.error('unhandled error', { error: (error as Error)?.message, stack: (error as Error)?.stack });
  return { envelope: failure(CommonErrors.INTERNAL.code, CommonErrors.INTERNAL.message, undefined, log.requestId) };
}

/**
 * Builds the `main(event, context)` CloudBase calls from a context's contract and its handlers:
 * input schemas, roles and store scope come from the contract, never from the handler files.
 */
export function createFunction<C extends Contract>(
  contract: C,
  // an object literal: a missing handler fails, and so does an extra one (excess property check)
  implementation: FunctionImplementation<ActionHandlers<C>>,
): (event: unknown, context?: { request_id?: string; requestId?: string }) => Promise<unknown> {
  const definition = { name: contract.name, ...implementation };
  const handlers = implementation.actions as unknown as Record<string, ActionHandler<AnyActionSpec>>;
  const specs = contract.actions as Record<string, AnyActionSpec>;
  const routes = (definition.routes ?? []).map((route) => ({ route, match: compilePath(route.path) }));

  async function runAction(event: Record<string, unknown>, ctx: ActionContext): Promise<Envelope> {
    // CloudBase adds `userInfo: {appId, openId}` to every mini-program call; identity comes from
    // getWXContext, so it is not part of an action's input (strict schemas would reject it).
    const { action: actionName, userInfo: _platformUserInfo, ...payload } = event;
    const name = typeof actionName === 'string' && Object.hasOwn(specs, actionName) && Object.hasOwn(handlers, actionName) ? actionName : undefined;
    const action = name === undefined ? undefined : specs[name];
    if (!action || name === undefined) {
      throw new AppError(CommonErrors.UNKNOWN_ACTION, {
        message: typeof actionName === 'string' ? `未知的 action: ${actionName.slice(0, 64)}` : 'action 必须是字符串',
        details: { field: 'action' },
      });
    }
    if (action.roles && !ctx.caller.openid) throw new AppError(CommonErrors.UNAUTHENTICATED);
    const input = parseInput(action.input, payload);
    if (action.roles) {
      // The store scope is read from the validated input, never from the raw payload.
      const storeId = action.storeField ? (input as Record<string, unknown>)[action.storeField] : undefined;
      ctx.staff = assertStaffAccess(await findStaffByOpenid(ctx.caller.openid!), action.roles, typeof storeId === 'string' ? storeId : undefined);
    }
    return success(await handlers[name](input, ctx as StaffActionContext), 'ok', ctx.requestId);
  }

  async function runRoute(req: HttpRequest, ctx: ActionContext): Promise<HttpReply> {
    const candidates = routes.map(({ route, match }) => ({ route, params: match(req.path) })).filter((c) => c.params);
    const found = candidates.find((c) => c.route.method === req.method);
    if (!found) {
      throw new AppError(CommonErrors.ROUTE_NOT_FOUND, { message: `接口不存在: ${req.method} ${req.path}` });
    }
    const request = { ...req, params: found.params ?? {} };
    const guarded = found.route.guard ? await found.route.guard(request, ctx) : undefined;
    const body = found.route.body ? parseInput(found.route.body, parseJsonBody(req.rawBody)) : undefined;
    const queryInput = found.route.query ? parseInput(found.route.query, req.query) : undefined;
    const result = await found.route.handler({ ...request, body, queryInput }, ctx, guarded);
    const status = result.status ?? 200;
    const headers = { 'x-request-id': ctx.requestId, ...result.headers };
    if (result.raw !== undefined) return jsonReply(status, result.raw, headers);
    return jsonReply(status, success(result.data ?? null, result.message ?? 'ok', ctx.requestId), headers);
  }

  // Checked once per instance (cold start): the environment does not change under a running instance.
  let configError: AppError | null | undefined;
  function checkConfig(log: Logger): AppError | null {
    if (configError !== undefined) return configError;
    const problems = definition.config ? configProblems(definition.config, process.env) : [];
    configError = problems.length
      ? new AppError(CommonErrors.NOT_CONFIGURED, {
          message: describeConfigProblems(definition.name, problems),
          details: {
            missing: problems.filter((p) => p.problem === 'missing').map((p) => p.name),
            invalid: problems.filter((p) => p.problem === 'invalid').map((p) => p.name),
          },
        })
      : null;
    // names only: the values may be secrets
    if (configError) log.error('function not configured', { problems: problems.map((p) => `${p.name}:${p.problem}`) });
    return configError;
  }

  return async function main(event: unknown, context?: { request_id?: string; requestId?: string }): Promise<unknown> {
    const requestId = context?.request_id ?? context?.requestId ?? randomUUID();
    const log = createLogger(requestId, { fn: definition.name });
    const ctx: ActionContext = { requestId, caller: currentCaller(), log };

    const notConfigured = checkConfig(log);
    if (notConfigured) {
      const envelope = failure(notConfigured.code, notConfigured.message, notConfigured.details, requestId);
      if (isHttpAccessEvent(event) && !isClientCall(ctx.caller)) return jsonReply(httpStatusOf(envelope.code), envelope, { 'x-request-id': requestId });
      return envelope;
    }

    // An HTTP-access-shaped event sent by a mini-program user is not an HTTP request (its headers,
    // e.g. X-Forwarded-For, would be the user's own words): it is handled as an unknown action.
    if (isHttpAccessEvent(event) && !isClientCall(ctx.caller)) {
      let req: HttpRequest | undefined;
      try {
        req = toHttpRequest(event);
        const reply = await runRoute(req, ctx);
        log.info('http', { method: req.method, path: req.path, status: reply.statusCode });
        return reply;
      } catch (error) {
        const { envelope, headers } = toFailure(error, log);
        const status = httpStatusOf(envelope.code);
        log.info('http', { method: req?.method, path: req?.path, status, code: envelope.code });
        return jsonReply(status, envelope, { 'x-request-id': requestId, ...headers });
      }
    }

    // Timer events and platform callbacks (WeChat Pay) are taken only when CloudBase says it
    // started the run (SOURCE). The same shapes from a user or another function are ordinary
    // (unknown) actions, never a trigger or a payment notification.
    if (isTimerEvent(event) && isTriggeredBy(ctx.caller, PlatformSources.TIMER)) {
      if (!definition.timer) return success(null, 'no timer handler', requestId);
      try {
        const result = await definition.timer(event, ctx);
        log.info('timer', { trigger: event.TriggerName });
        return success(result, 'ok', requestId);
      } catch (error) {
        return toFailure(error, log).envelope;
      }
    }

    if (definition.fallback && isTriggeredBy(ctx.caller, definition.fallback.source) && definition.fallback.match(event)) {
      try {
        return await definition.fallback.handle(event, ctx);
      } catch (error) {
        return toFailure(error, log).envelope;
      }
    }

    try {
      const reply = await runAction((event ?? {}) as Record<string, unknown>, ctx);
      return reply;
    } catch (error) {
      const { envelope } = toFailure(error, log);
      log.info('action failed', { action: (event as { action?: unknown })?.action, code: envelope.code });
      return envelope;
    }
  };
}
