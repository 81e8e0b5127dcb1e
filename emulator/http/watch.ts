import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { docAllowed, queryAllowed, type RuleEnvironment } from '../database/security-rules';
import { orderingDatabase, ordersDatabase } from '../product-seam';
import type { Emulator } from '../types';
import { header } from './body';

/**
 * The local equivalent of CloudBase's realtime database (`db.collection(c).where(q).watch()`),
 * for the mini-program in local mode (services/transport.ts): a WebSocket at `/_emulator/watch`.
 * The client sends one `{ type: 'watch', collection, where, orderBy?, limit? }` with the caller
 * in `x-wx-openid` (as the callFunction bridge); the emulator answers with `{ type: 'snapshot',
 * docs }` at once and after every committed write that changes the result, or with one
 * `{ type: 'error', errCode, errMsg }` and closes — as CloudBase does:
 *   - the collection's declared security rule (cloudfunctions/…/database.ts) must let the caller
 *     read what the query covers (checked on the query, then on each document): -502003;
 *   - a listener covers at most 5,000 records: more → -402009 and the listener stops;
 *   - `dropAll()` (fault hook, `POST /_emulator/watch/drop`) closes every socket like WeChat does
 *     after the screen was off (-402004), so reconnecting can be shown and tested.
 * The value `'{openid}'` in `where` is the caller (CloudBase's placeholder).
 */
export const WATCH_PATH = '/_emulator/watch';
export const MAX_WATCH_RECORDS = 5000;
export const WatchErrorCodes = { SOCKET_LOST: -402004, PERMISSION_DENIED: -502003, LIMIT_EXCEEDED: -402009, INVALID: -501007 } as const;

type Rule = boolean | string;
const RULES = new Map<string, Rule>(
  [ordersDatabase, orderingDatabase].flatMap((spec) => spec.collections.map((c) => [c.name as string, c.rule?.read ?? false] as const)),
);

/** The read rule of a collection; undeclared collections are server-only. */
export function readRuleOf(collection: string): Rule {
  return RULES.get(collection) ?? false;
}

interface WatchRequest {
  collection: string;
  where: Record<string, unknown>;
  sort?: Record<string, 1 | -1>;
  limit?: number;
}

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => ['string', 'number', 'boolean'].includes(typeof value);

/** The client's message, checked: only equality and `$in` of scalars (what services/transport.ts sends). */
function parseRequest(raw: string, openid: string): WatchRequest {
  const message = JSON.parse(raw) as Record<string, unknown>;
  if (message?.type !== 'watch' || typeof message.collection !== 'string' || !/^[\w-]{1,64}$/.test(message.collection)) {
    throw new Error('invalid watch request');
  }
  const where: Record<string, unknown> = {};
  const given = message.where;
  if (!given || typeof given !== 'object' || Array.isArray(given)) throw new Error('where must be an object');
  for (const [field, value] of Object.entries(given as Record<string, unknown>)) {
    if (!/^[\w.]{1,64}$/.test(field) || field.startsWith('$')) throw new Error(`invalid field ${field}`);
    const resolve = (v: unknown) => (v === '{openid}' ? openid : v);
    if (isScalar(value)) where[field] = resolve(value);
    else if (value && typeof value === 'object' && Array.isArray((value as { $in?: unknown }).$in) && (value as { $in: unknown[] }).$in.every(isScalar)) {
      where[field] = { $in: (value as { $in: Scalar[] }).$in.map(resolve) };
    } else throw new Error(`unsupported condition on ${field}`);
  }
  const orderBy = message.orderBy as { field?: unknown; direction?: unknown } | undefined;
  const sort = orderBy && typeof orderBy.field === 'string' ? { [orderBy.field]: orderBy.direction === 'desc' ? (-1 as const) : (1 as const) } : undefined;
  const limit = typeof message.limit === 'number' && Number.isInteger(message.limit) && message.limit > 0 ? message.limit : undefined;
  return { collection: message.collection, where, sort, limit };
}

interface Listener {
  socket: WebSocket;
  openid: string;
  request: WatchRequest;
  last: string;
}

export class WatchHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;

  constructor(private readonly emulator: Emulator) {
    this.unsubscribe = emulator.db.onChange((collections) => {
      for (const listener of this.listeners) if (collections.includes(listener.request.collection)) this.push(listener);
    });
  }

  /** Open listeners (tests, health). */
  get size(): number {
    return this.listeners.size;
  }

  /** Takes over an HTTP upgrade to WATCH_PATH; the caller has checked Host and Origin. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const openid = header(req, 'x-wx-openid') ?? '';
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, openid));
  }

  /** Fault hook: every socket goes away as after the phone's screen was off (-402004). */
  dropAll(): number {
    const count = this.listeners.size;
    for (const listener of [...this.listeners]) this.fail(listener.socket, WatchErrorCodes.SOCKET_LOST, 'realtime listener socket closed');
    return count;
  }

  close(): void {
    this.unsubscribe();
    for (const client of this.wss.clients) client.terminate();
    this.listeners.clear();
    this.wss.close();
  }

  private accept(socket: WebSocket, openid: string): void {
    let listener: Listener | undefined;
    socket.on('message', (data) => {
      if (listener) return; // one query per socket, as one watch() is one listener
      let request: WatchRequest;
      try {
        request = parseRequest(String(data), openid);
      } catch (error) {
        this.fail(socket, WatchErrorCodes.INVALID, (error as Error).message);
        return;
      }
      const rule = readRuleOf(request.collection);
      if (!openid || !queryAllowed(rule, request.where, this.environment(openid))) {
        this.fail(socket, WatchErrorCodes.PERMISSION_DENIED, `database permission denied: ${request.collection}`);
        return;
      }
      listener = { socket, openid, request, last: '' };
      this.listeners.add(listener);
      this.push(listener);
    });
    socket.on('close', () => {
      if (listener) this.listeners.delete(listener);
    });
    socket.on('error', () => socket.terminate());
  }

  private environment(openid: string): RuleEnvironment {
    return { auth: { openid }, now: Date.now(), get: (collection, id) => this.emulator.db.readOne(collection, id) };
  }

  private push(listener: Listener): void {
    const { request, socket } = listener;
    const { docs, matched } = this.emulator.db.queryLive(request.collection, request.where, { sort: request.sort, limit: request.limit });
    if (matched > MAX_WATCH_RECORDS) {
      this.fail(socket, WatchErrorCodes.LIMIT_EXCEEDED, `a realtime listener may cover at most ${MAX_WATCH_RECORDS} records (${matched} match)`);
      return;
    }
    const rule = readRuleOf(request.collection);
    const env = this.environment(listener.openid);
    const readable = docs.filter((doc) => docAllowed(rule, doc, env));
    if (readable.length !== docs.length) {
      // a grant expired or a document left the caller's reach: the listener ends, as a refused query would
      this.fail(socket, WatchErrorCodes.PERMISSION_DENIED, `database permission denied: ${request.collection}`);
      return;
    }
    const text = JSON.stringify({ type: 'snapshot', docs: readable });
    if (text === listener.last) return;
    listener.last = text;
    socket.send(text);
  }

  private fail(socket: WebSocket, errCode: number, errMsg: string): void {
    for (const listener of this.listeners) if (listener.socket === socket) this.listeners.delete(listener);
    if (socket.readyState === socket.OPEN) {
      socket.send(JSON.stringify({ type: 'error', errCode, errMsg }));
      socket.close(1000);
    }
  }
}
