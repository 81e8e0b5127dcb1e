/**
 * How a context declares its API once: each action's zod input schema, its reply type and the
 * roles it needs, plus the context's error-code band. The function implements the contract with
 * `createFunction(contract, handlers)` (cloudfunctions/shared/kit), which fails the typecheck on a
 * missing or extra action or a handler whose reply does not match; the mini-program derives its
 * typed client from the same contract, type-only (`ClientOf<typeof contract>`), so no zod reaches
 * the package.
 */
import { z } from 'zod';
import type { IsoInstant, StaffRole } from './common';

/** A reply type carried by the contract at the type level only (nothing at run time). */
export interface Returns<R> {
  readonly __reply?: R;
}

/** Declares an action's reply type: `reply: returns<PaymentQuote<Date>>()`. */
export function returns<R>(): Returns<R> {
  return {};
}

export interface ActionSpec<I extends z.ZodType = z.ZodType, R = unknown, Roles extends readonly StaffRole[] | undefined = readonly StaffRole[] | undefined> {
  /** The input, validated before the handler runs (`.strict()`: unknown fields are refused). */
  readonly input: I;
  readonly reply: Returns<R>;
  /** Staff-only action: the caller must be an active staff member with one of these roles. */
  readonly roles?: Roles;
  /** For staff actions scoped to a store: the input field naming the store the kit checks. */
  readonly storeField?: string;
  /** One line for the context card and the generated docs. */
  readonly summary?: string;
}

export function action<I extends z.ZodType, R, const Roles extends readonly StaffRole[] | undefined = undefined>(
  spec: ActionSpec<I, R, Roles>,
): ActionSpec<I, R, Roles> {
  return spec;
}

/**
 * A context's codes use the last two digits `[from, to]` inside every class (400xx, 409xx …), so the
 * class still decides the HTTP status; docs/error-codes.md lists them all.
 */
export interface ErrorBand {
  readonly from: number;
  readonly to: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyActionSpec = ActionSpec<any, any, any>;

export interface Contract<N extends string = string, A extends Record<string, AnyActionSpec> = Record<string, AnyActionSpec>> {
  /** The cloud function's name: the one name of the context. */
  readonly name: N;
  readonly errors: ErrorBand;
  readonly actions: A;
}

export function defineContract<const N extends string, const A extends Record<string, AnyActionSpec>>(contract: Contract<N, A>): Contract<N, A> {
  return contract;
}

export type ActionName<C extends Contract> = Extract<keyof C['actions'], string>;
export type InputOf<S> = S extends ActionSpec<infer I, unknown, infer _R> ? z.output<I> : never;
/** What the caller sends (defaults may be left out). */
export type RequestOf<S> = S extends ActionSpec<infer I, unknown, infer _R> ? z.input<I> : never;
/** What the handler returns (instants as `Date`). */
export type ReplyOf<S> = S extends ActionSpec<z.ZodType, infer R, infer _R> ? R : never;
export type RolesOf<S> = S extends ActionSpec<z.ZodType, unknown, infer Roles> ? Roles : never;

/** What a reply becomes after JSON: every `Date` an ISO string. */
export type Wire<T> = T extends Date
  ? IsoInstant
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends (...args: never[]) => unknown
      ? never
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** The typed client of a context: `api.payment.quote({ orderId })` resolves the reply's wire form. */
export type ClientOf<C extends Contract> = {
  [K in ActionName<C>]: Record<never, never> extends RequestOf<C['actions'][K]>
    ? (input?: RequestOf<C['actions'][K]>) => Promise<Wire<ReplyOf<C['actions'][K]>>>
    : (input: RequestOf<C['actions'][K]>) => Promise<Wire<ReplyOf<C['actions'][K]>>>;
};

/** The reply of one action as the mini-program receives it. */
export type WireReply<C extends Contract, K extends ActionName<C>> = Wire<ReplyOf<C['actions'][K]>>;

/** `ping`: every context answers it; proves the bundle loads and the caller is seen. */
export interface PingReply {
  function: string;
  pong: true;
  openid: string | null;
  time: IsoInstant;
}

export const pingSpec = action({ input: z.object({}).strict(), reply: returns<PingReply>(), summary: '存活检查' });
