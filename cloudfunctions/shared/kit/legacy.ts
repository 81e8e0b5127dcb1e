// TEMPORARY (removed when every context has its contract): lets a function not yet migrated build and
// run while the others move to createFunction(contract, handlers). Nothing new may use it.
import type { z } from 'zod';
import { pingSpec } from '../../../typings/api/contract';
import type { ActionContext, FunctionImplementation } from './function-types';
import type { StaffRole } from './roles';
import { pingHandler } from './ping';

export interface ActionDefinition<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  roles?: readonly StaffRole[];
  storeField?: string;
  handler: (input: z.infer<S>, ctx: ActionContext) => Promise<R>;
}

/** @deprecated declare the action in the context's contract and use `implement`. */
export function defineAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>): ActionDefinition<S, R> {
  return definition;
}

/** @deprecated */
export function pingAction(functionName: string): ActionDefinition {
  return { input: pingSpec.input, handler: pingHandler(functionName) as ActionDefinition['handler'] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LegacyDefinition = Omit<FunctionImplementation<Record<string, ActionDefinition<any, any>>>, 'actions'> & {
  name: string;
  actions: Record<string, ActionDefinition<any, any>>;
};

export function splitLegacy(definition: LegacyDefinition) {
  const actions: Record<string, { input: z.ZodType; roles?: readonly StaffRole[]; storeField?: string; reply: object }> = {};
  const handlers: Record<string, ActionDefinition['handler']> = {};
  for (const [name, def] of Object.entries(definition.actions)) {
    actions[name] = { input: def.input, roles: def.roles, storeField: def.storeField, reply: {} };
    handlers[name] = def.handler;
  }
  return { contract: { name: definition.name, errors: { from: 0, to: 0 }, actions }, implementation: { ...definition, actions: handlers } };
}
