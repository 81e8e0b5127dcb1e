'use strict';
// One warm function instance. Like a CloudBase/SCF container it runs one invocation at a
// time, with the invocation's WX_* context in its own process.env (worker threads do not
// share env), and the deployed bundle loaded through plain require().
const { parentPort, workerData } = require('node:worker_threads');

Object.assign(process.env, workerData.env);
// Lets the emulator see (and refuse) bulk operations issued inside a transaction.
require('../database/sdk-guard.cjs').installTransactionGuard();
let fn;

parentPort.on('message', async (message) => {
  for (const key of workerData.invocationKeys) delete process.env[key];
  Object.assign(process.env, message.env);
  try {
    fn ??= require(workerData.bundlePath);
    if (typeof fn.main !== 'function') throw new Error('bundle does not export main');
    const result = await fn.main(message.event, message.context);
    // The platform hands results back as JSON: mirror that so Dates/undefined behave the same.
    parentPort.postMessage({ id: message.id, ok: true, json: result === undefined ? null : JSON.stringify(result) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: { message: String(error && error.message ? error.message : error) } });
  }
});
