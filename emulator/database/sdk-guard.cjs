'use strict';
/**
 * Makes "bulk operation inside a transaction" visible to the emulator.
 *
 * @cloudbase/database (used by wx-server-sdk 4) sends `transactionId` with doc().get/set/update/
 * remove, add() and where().get(), but NOT with where().update(), where().remove(), count() or
 * aggregate(): those silently run outside the transaction (in the cloud too), so a server cannot
 * refuse them. This patch adds the transaction's id to those requests, so the emulator can refuse
 * them with the error the docs promise ("transactions only support single-document operations").
 *
 * Install it in every process that runs the SDK against the emulator (function worker, tests),
 * before or after `require('wx-server-sdk')`; it patches the one @cloudbase/database module that
 * wx-server-sdk resolves, once. Plain CommonJS so the function worker can require it directly.
 */
const path = require('node:path');

const MARK = Symbol.for('cloudbase-emulator.transaction-guard');

function databaseDir(fromDir) {
  const paths = [fromDir || process.cwd()];
  const sdkDir = path.dirname(require.resolve('wx-server-sdk/package.json', { paths }));
  const nodeSdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json', { paths: [sdkDir] }));
  return path.dirname(require.resolve('@cloudbase/database/package.json', { paths: [nodeSdkDir] }));
}

/** A stand-in for `target` whose requests carry the transaction id. */
function inTransaction(target) {
  const request = target._request;
  const transactionId = target._transactionId;
  const copy = Object.create(Object.getPrototypeOf(target));
  Object.assign(copy, target);
  copy._request = {
    send: (action, params, options) => request.send(action, Object.assign({}, params, { transactionId }), options),
  };
  return copy;
}

function wrap(proto, name) {
  const original = proto[name];
  if (typeof original !== 'function') return;
  proto[name] = function guarded(...args) {
    return this && this._transactionId ? original.apply(inTransaction(this), args) : original.apply(this, args);
  };
}

/**
 * @param {{ fromDir?: string, requireFn?: NodeRequire }} [options] fromDir: where to resolve
 *   wx-server-sdk from (default: cwd); requireFn: the require to load @cloudbase/database with
 *   (pass the caller's `require` under jest so the module registry instance is the one patched).
 * @returns {boolean} true when the guard is (now or already) installed
 */
function installTransactionGuard(options) {
  const opts = options || {};
  const load = opts.requireFn || require;
  const base = path.join(databaseDir(opts.fromDir || path.join(__dirname, '..', '..')), 'dist', 'commonjs');
  load(path.join(base, 'index.js')); // the package entry first: its modules import each other in a cycle
  const { Query } = load(path.join(base, 'query.js'));
  const { CollectionReference } = load(path.join(base, 'collection.js'));
  const Aggregation = load(path.join(base, 'aggregate.js')).default;
  if (Query.prototype[MARK]) return true;
  for (const name of ['update', 'remove', 'count']) wrap(Query.prototype, name);
  const aggregate = CollectionReference.prototype.aggregate;
  CollectionReference.prototype.aggregate = function guardedAggregate(...args) {
    const pipeline = aggregate.apply(this, args);
    if (this._transactionId) pipeline._transactionId = this._transactionId;
    return pipeline;
  };
  wrap(Aggregation.prototype, 'end');
  Query.prototype[MARK] = true;
  return true;
}

module.exports = { installTransactionGuard };
