import { z } from 'zod';
import { action, defineContract, returns } from '../../../typings/api/contract';
import { createFunction } from './function';

/** A write-write conflict that outlived the SDK's retries is contention, not an internal error. */
const contract = defineContract({
  name: 'kit-conflict',
  errors: { from: 0, to: 0 },
  actions: {
    sdkConflict: action({ input: z.object({}).strict(), reply: returns<never>() }),
    emulatorConflict: action({ input: z.object({}).strict(), reply: returns<never>() }),
    otherFailure: action({ input: z.object({}).strict(), reply: returns<never>() }),
  },
});

const main = createFunction(contract, {
  actions: {
    // what runTransaction rethrows once its retries are used up (the server's reply, code kept)
    sdkConflict: async () => {
      throw {
        code: 'DATABASE_TRANSACTION_CONFLICT',
        message: '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.',
      };
    },
    emulatorConflict: async () => {
      throw new Error('transaction.commit:fail -501001 [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.');
    },
    otherFailure: async () => {
      throw new Error('boom');
    },
  },
});

describe('function kit: transaction conflicts', () => {
  it.each(['sdkConflict', 'emulatorConflict'])('%s answers the retryable 40902 in Chinese, not 50001', async (name) => {
    const reply = (await main({ action: name })) as Record<string, unknown>;
    expect(reply).toMatchObject({ code: 40902, message: '操作繁忙，请稍后重试', data: null, details: { retryable: true } });
  });

  it('other failures are still internal errors', async () => {
    expect(await main({ action: 'otherFailure' })).toMatchObject({ code: 50001 });
  });
});
