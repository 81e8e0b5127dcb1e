/**
 * The types of the kit's function machinery (contexts, handlers, routes, timers), apart from
 * function.ts so that ping.ts — which function.ts uses — can name them without an
 * import circle. function.ts re-exports them: import them from './function' or the kit index.
 */
import type { z } from 'zod';
import type { ActionName, Contract, InputOf, ReplyOf, RolesOf } from '../../../typings/api/contract';
import type { Caller, PlatformSource } from './caller';
import type { FunctionConfig } from './config';
import type { HttpRequest } from './http';
import type { Logger } from './logger';
import type { StaffMember, StaffRole } from './roles';

export interface ActionContext {
  requestId: string;
  caller: Caller;
  log: Logger;
  /** Loaded when the action declares `roles`. */
  staff?: StaffMember;
}

/** The context of a staff action: the kit has loaded and checked the staff member. */
export interface StaffActionContext extends ActionContext {
  staff: StaffMember;
}

/** What the handler of one contract action looks like: the validated input in, the declared reply out. */
export type ActionHandler<S> = (input: InputOf<S>, ctx: RolesOf<S> extends readonly StaffRole[] ? StaffActionContext : ActionContext) => Promise<ReplyOf<S>>;

/** Exactly one handler per contract action: a missing one or an extra one fails the typecheck. */
export type ActionHandlers<C extends Contract> = { [K in ActionName<C>]: ActionHandler<C['actions'][K]> };

export interface RouteResult {
  status?: number;
  headers?: Record<string, string>;
  /** becomes `data` of a success envelope */
  data?: unknown;
  message?: string;
  /** a raw reply body (vendor formats); bypasses the envelope */
  raw?: unknown;
}

export interface RouteDefinition<G = unknown, B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary?: string;
  /** runs before body validation (authentication, rate limits) */
  guard?(req: HttpRequest, ctx: ActionContext): Promise<G>;
  body?: B;
  query?: Q;
  // method syntax: a route whose guard only throws (G = never) still fits the route list
  handler(req: HttpRequest & { body: z.infer<B>; queryInput: z.infer<Q> }, ctx: ActionContext, guarded: G): Promise<RouteResult>;
}

/** CloudBase timer trigger event. */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
  Message?: string;
}

/** Everything a function has besides its contract actions: routes, timer and platform callbacks. */
export interface FunctionImplementation<H> {
  actions: H;
  /** every environment variable the function reads; checked once per instance, at its first call */
  config?: FunctionConfig;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  routes?: RouteDefinition<any, any, any>[];
  timer?: (event: TimerEvent, ctx: ActionContext) => Promise<unknown>;
  /** Platform events that are neither actions, HTTP nor timers (WeChat Pay callbacks), taken only from that platform source. */
  fallback?: {
    source: PlatformSource;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    match: (event: any) => boolean;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    handle: (event: any, ctx: ActionContext) => Promise<unknown>;
  };
}
