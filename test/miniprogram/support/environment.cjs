// jsdom renders the WXML; the live-emulator tests also need Node's own globals in the same
// window (fetch for the wx.request bridge; Buffer, setImmediate and Node timers, whose handles
// have unref(), for the in-process emulator that runs the real function bundles in worker
// threads). jest-environment-jsdom hides them. Pages only ever treat timer ids as opaque.
const { TestEnvironment } = require('jest-environment-jsdom');

// Replaced even though jsdom defines them: jsdom's timers return numbers (no unref()).
const FORCED = new Set(['Buffer', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']);

const NODE_GLOBALS = [
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'fetch',
  'Headers',
  'Request',
  'Response',
  'FormData',
  'AbortController',
  'AbortSignal',
  'Buffer',
  'setImmediate',
  'clearImmediate',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'MessageChannel',
  'MessagePort',
  'BroadcastChannel',
  'queueMicrotask',
  'performance',
];

class MiniprogramEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of NODE_GLOBALS) {
      if (name in globalThis && (FORCED.has(name) || !(name in this.global))) {
        this.global[name] = globalThis[name];
      }
    }
    // undici's fetch checks `signal instanceof AbortSignal` against Node's realm.
    this.global.AbortController = globalThis.AbortController;
    this.global.AbortSignal = globalThis.AbortSignal;
  }
}

module.exports = MiniprogramEnvironment;
