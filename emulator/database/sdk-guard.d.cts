/** See sdk-guard.cjs: adds the transaction id to where().update()/remove(), count() and aggregate() requests made inside a transaction. */
export declare function installTransactionGuard(options?: { fromDir?: string; requireFn?: NodeJS.Require }): boolean;
