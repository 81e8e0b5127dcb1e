// Compiled by contract-typing.test.ts (and by `npm run typecheck`): every `@ts-expect-error` below
// marks something createFunction must refuse. The test also compiles this file with the markers
// removed and expects exactly those lines to fail, so a marker can never pass silently.
import { z } from 'zod';
import { createFunction, implement } from '../../cloudfunctions/shared/kit';
import { action, defineContract, returns, type ClientOf } from '../../typings/api/contract';

const fixtureContract = defineContract({
  name: 'typing-fixture',
  errors: { from: 0, to: 0 },
  actions: {
    greet: action({ input: z.object({ name: z.string() }).strict(), reply: returns<{ hello: string }>() }),
    staffOnly: action({ input: z.object({}).strict(), roles: ['admin'], reply: returns<{ by: string }>() }),
  },
});

// The right implementation compiles; a staff action's context carries the loaded staff member.
export const ok = createFunction(fixtureContract, {
  actions: {
    greet: async (input) => ({ hello: input.name }),
    staffOnly: async (_input, ctx) => ({ by: ctx.staff.name }),
  },
});

export const wrongReply = createFunction(fixtureContract, {
  actions: {
    // @ts-expect-error the reply does not match the contract ({ hello: string })
    greet: async (input) => ({ hello: input.name.length }),
    staffOnly: async (_input, ctx) => ({ by: ctx.staff.name }),
  },
});

export const missingAction = createFunction(fixtureContract, {
  // @ts-expect-error staffOnly is declared in the contract but not implemented
  actions: {
    greet: async (input) => ({ hello: input.name }),
  },
});

export const extraAction = createFunction(fixtureContract, {
  actions: {
    greet: async (input) => ({ hello: input.name }),
    staffOnly: async (_input, ctx) => ({ by: ctx.staff.name }),
    // @ts-expect-error an action the contract does not declare
    undeclared: async () => ({}),
  },
});

// @ts-expect-error the input field is `name`, not `nom`
export const wrongInput = implement(fixtureContract.actions.greet, async (input) => ({ hello: input.nom }));

declare const client: ClientOf<typeof fixtureContract>;
export async function callers(): Promise<void> {
  const reply: { hello: string } = await client.greet({ name: '小明' });
  // @ts-expect-error the client checks the input against the same schema
  await client.greet({ name: 1 });
  // @ts-expect-error and knows the reply type
  const wrong: { hello: number } = await client.greet({ name: '小明' });
  void reply;
  void wrong;
}
