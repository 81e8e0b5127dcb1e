/**
 * Error replies in the shape CloudBase sends them: `{ code, message }` (+ requestId, added by the
 * HTTP server). wx-server-sdk turns `code` into a numeric errCode through its TCB_ERR_CODE table
 * (unknown codes become -501001) and rejects with
 * `"<api>:fail <errCode> <text>. <message>"`; the node-sdk transaction layer keeps `code` as is,
 * which is what `runTransaction` tests for DATABASE_TRANSACTION_CONFLICT.
 */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

const SUFFIX = 'Please check your request, but if the problem persists, contact us.';

export const DbErrors = {
  collectionNotExist: (name: string) => new DbError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}. ${SUFFIX}`),
  collectionExists: (name: string) => new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceUnavailable.ResourceExist] Table exist: ${name}. ${SUFFIX}`),
  transactionConflict: () =>
    new DbError(
      'DATABASE_TRANSACTION_CONFLICT',
      `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${SUFFIX}`,
    ),
  transactionNotExist: (id: string) =>
    new DbError(
      'DATABASE_TRANSACTION_FAIL',
      `[FailedOperation.TransactionNotExist] Transaction ${id} does not exist: it was committed, aborted or expired. ${SUFFIX}`,
    ),
  transactionSingleDocOnly: (what: string) =>
    new DbError(
      'INVALID_PARAM',
      `[InvalidParameter] ${what} is not supported in a transaction: transactions only support single-document operations (doc().get/set/update/remove and add). ${SUFFIX}`,
    ),
  // wx-server-sdk users see duplicate keys as -502001 (DATABASE_REQUEST_FAILED) with MongoDB's
  // E11000 text; the message also names DATABASE_DUPLICATE_WRITE (the code CloudBase documents).
  duplicateKey: (collection: string, id: unknown) =>
    new DbError(
      'DATABASE_REQUEST_FAILED',
      `[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
    ),
  invalidParam: (message: string) => new DbError('INVALID_PARAM', `[InvalidParameter] ${message}`),
  requestFailed: (message: string) => new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`),
  unsupported: (what: string) => new DbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] ${what} is not supported by the local emulator`),
};

export function errorReply(error: unknown): Record<string, unknown> {
  if (error instanceof DbError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  // mingo raises MingoError for invalid queries/updates (unknown operators, path conflicts …),
  // which MongoDB (and so CloudBase) reports as a failed request.
  return { code: 'DATABASE_REQUEST_FAILED', message: `[FailedOperation] ${message}` };
}
