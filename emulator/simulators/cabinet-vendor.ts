import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AbnormalOrderPushSchema,
  AlarmPushSchema,
  ALARM_KINDS,
  DoorEventSchema,
  HeartbeatSchema,
  INBOUND_ROUTES,
  OrderPushSchema,
  OUTBOUND_CALLS,
  signedHeaders,
  verifySignature,
  type AbnormalReason,
  type AlarmKind,
  type OpenDoorCommand,
} from '../product-seam';
import { DEMO } from '../seed/demo-data';
import type { Emulator } from '../types';
import { perDataDir } from './per-data-dir';
import { loadPosTls } from './pos-tls';

/**
 * The 小麦 smart-cabinet vendor cloud, simulated (protocol: cloudfunctions/cabinet/src/adapters/
 * xiaomai/protocol.ts, docs/cabinet-vendor.md). On its own https port (the same local certificate
 * as the simulated POS, so the functions' SSRF guard and TLS check run unchanged) it answers the
 * signed open-door / query / bind commands; it pushes, signed with the same key, the door events,
 * orders, abnormal orders, heartbeats and alarms to the cabinet function's HTTP routes through the
 * emulator's gateway, as the real vendor would. Every body is checked against the product's own
 * schemas before it leaves, so the simulator cannot drift from the protocol.
 *
 * Flow: an accepted shopping command → after `openDelayMs` `door.opened` → on command (or after
 * `autoCloseMs`) `door.closed` + the order (chosen goods priced from the store's
 * cabinet_products, nothing taken, or abnormal). Faults: 5xx or unanswered commands, a failing
 * door, duplicate pushes (the same event again and the same order under a new event), the order
 * before `door.closed`. A push the function does not acknowledge (non-2xx) is resent with the same
 * eventId, like the vendor's retries.
 *
 * Port: CABINET_SIMULATOR_PORT, else the emulator's port + 2 (8789 for `npm start`).
 */

const SKEW_SECONDS = 300;

export type VendorSessionState = 'waiting' | 'opened' | 'closed' | 'settled' | 'failed';

export interface VendorSession {
  requestId: string;
  orderCode: string;
  deviceCode: string;
  type: 1 | 2;
  userCode: string;
  state: VendorSessionState;
  acceptedAt: string;
  openedAt?: string;
  closedAt?: string;
}

export interface CabinetSimulatorConfig {
  /** command accepted → door.opened */
  openDelayMs: number;
  /** door.opened → door.closed + an order of `autoGoods`; null: wait for a close command */
  autoCloseMs: number | null;
  autoGoods: 'one' | 'empty';
  /** heartbeat period per known device; null: none (tests push them on demand) */
  heartbeatMs: number | null;
  /** attempts per push (resends keep the eventId) */
  maxPushAttempts: number;
  /** where pushes go (the emulator's gateway unless set; tests may point it at a recorder) */
  pushBaseUrl?: string;
}

export interface CabinetFaults {
  /** the next N commands answer HTTP `commandErrorStatus` (503) without acting */
  commandErrors: number;
  commandErrorStatus: number;
  /** the next N commands are never answered (the caller times out); nothing is done */
  commandTimeouts: number;
  /** the next N doors fail to open: door.open_failed instead of door.opened */
  openFailures: number;
  /** the next N orders are pushed twice more: the same event again and under a new eventId */
  duplicatePushes: number;
  /** the next N closes push the order before door.closed */
  orderBeforeClose: number;
}

export interface PushRecord {
  at: string;
  route: keyof typeof INBOUND_ROUTES;
  eventId: string;
  deviceCode: string;
  attempt: number;
  /** the HTTP status the cabinet function answered, 0 when unreachable */
  status: number;
}

export interface CommandRecord {
  at: string;
  path: string;
  apiKey: string;
  signatureValid: boolean;
  requestId?: string;
  status: number;
}

export interface GoodsChoice {
  sku: string;
  quantity: number;
  /** defaults to the store's product price */
  unitPriceFen?: number;
}

interface DeviceState {
  deviceCode: string;
  online: boolean;
  doorState: 'open' | 'closed';
  /** the session holding the door (one at a time) */
  current?: string;
}

const hours8 = 8 * 3600_000;
/** Vendor instants: ISO-8601 with the +08:00 offset. */
export function vendorTime(at = new Date()): string {
  return `${new Date(at.getTime() + hours8).toISOString().slice(0, 19)}+08:00`;
}

const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
const header = (req: IncomingMessage, name: string) => String(req.headers[name] ?? '');

export class CabinetSimulator {
  readonly config: CabinetSimulatorConfig = { openDelayMs: 800, autoCloseMs: null, autoGoods: 'one', heartbeatMs: null, maxPushAttempts: 3 };
  readonly faults: CabinetFaults = { commandErrors: 0, commandErrorStatus: 503, commandTimeouts: 0, openFailures: 0, duplicatePushes: 0, orderBeforeClose: 0 };
  readonly pushes: PushRecord[] = [];
  readonly commands: CommandRecord[] = [];
  readonly sessions = new Map<string, VendorSession>();
  /** the vendor key this cloud shares with us (the demo vendor's unless told) */
  credentials: { apiKey: string; secret: string } = { apiKey: DEMO.cabinetVendor.apiKey, secret: DEMO.cabinetVendor.apiSecret };
  echo = true;
  url: string | undefined;
  private readonly devices = new Map<string, DeviceState>();
  private readonly nonces = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private heartbeat: NodeJS.Timeout | undefined;
  private firstBeat: NodeJS.Timeout | undefined;
  private server: Server | undefined;

  constructor(private readonly emulator: Emulator) {}

  get listening(): boolean {
    return !!this.server?.listening;
  }

  listen(port: number, tls: { cert: string; key: string }): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer(tls, (req, res) => this.serve(req, res));
    this.server = server;
    this.url = `https://127.0.0.1:${port}`;
    return new Promise((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        console.warn(`[智能柜模拟器] 无法监听端口 ${port}（${error.code ?? error.message}）：设置 CABINET_SIMULATOR_PORT 换一个端口`);
        this.server = undefined;
        resolve();
      });
      server.listen(port, '127.0.0.1', () => {
        server.unref();
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.firstBeat) clearTimeout(this.firstBeat);
    this.heartbeat = undefined;
    this.firstBeat = undefined;
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  /** Every push and scheduled step has run. */
  async idle(): Promise<void> {
    while (this.inFlight.size || this.timers.size) {
      await Promise.allSettled([...this.inFlight]);
      if (this.timers.size) await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Changes the configuration (and restarts heartbeats when their period changed). */
  configure(changes: Partial<CabinetSimulatorConfig>): CabinetSimulatorConfig {
    Object.assign(this.config, changes);
    if ('heartbeatMs' in changes) this.startHeartbeats();
    return this.config;
  }

  /** Fault injection: counts add up; `clear` resets them. */
  fault(changes: Partial<CabinetFaults> | 'clear'): CabinetFaults {
    if (changes === 'clear') Object.assign(this.faults, { commandErrors: 0, commandTimeouts: 0, openFailures: 0, duplicatePushes: 0, orderBeforeClose: 0 });
    else Object.assign(this.faults, changes);
    return this.faults;
  }

  trust(apiKey: string, secret: string): void {
    this.credentials = { apiKey, secret };
  }

  /** The vendor knows every device in the emulator's `devices` collection (plus the demo device). */
  device(deviceCode: string): DeviceState | undefined {
    let state = this.devices.get(deviceCode);
    if (!state) {
      const known = deviceCode === DEMO.deviceCode || this.emulator.db.readAll('devices').some((d) => d.deviceCode === deviceCode || d._id === deviceCode);
      if (!known) return undefined;
      state = { deviceCode, online: true, doorState: 'closed' };
      this.devices.set(deviceCode, state);
    }
    return state;
  }

  setOnline(deviceCode: string, online: boolean): DeviceState {
    const state = this.requireDevice(deviceCode);
    state.online = online;
    void this.pushHeartbeat(deviceCode);
    return state;
  }

  state(): {
    url: string | null;
    config: CabinetSimulatorConfig;
    faults: CabinetFaults;
    devices: DeviceState[];
    sessions: VendorSession[];
    pushes: PushRecord[];
    commands: CommandRecord[];
  } {
    return {
      url: this.url ?? null,
      config: this.config,
      faults: this.faults,
      devices: [...this.devices.values()],
      sessions: [...this.sessions.values()],
      pushes: this.pushes.slice(-200),
      commands: this.commands.slice(-200),
    };
  }

  // ---------------------------------------------------------------- commands (us → vendor)

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record: CommandRecord = { at: new Date().toISOString(), path: req.url ?? '/', apiKey: header(req, 'x-api-key'), signatureValid: false, status: 0 };
      this.commands.push(record);
      const send = (status: number, reply: object) => {
        record.status = status;
        res.statusCode = status;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(reply));
        if (this.echo) console.log(`[智能柜模拟器] ${req.method} ${record.path} → ${status}${record.requestId ? `（${record.requestId}）` : ''}`);
      };
      record.signatureValid = this.verify(req, body);
      if (!record.signatureValid) return send(401, { code: 401, message: '签名无效', errorCode: 'SIGNATURE_INVALID', data: null });
      if (this.faults.commandTimeouts > 0) {
        this.faults.commandTimeouts -= 1;
        // Never answered: the caller's timeout fires; the socket is dropped later.
        const timer = setTimeout(() => req.socket.destroy(), 30_000);
        timer.unref();
        return;
      }
      if (this.faults.commandErrors > 0) {
        this.faults.commandErrors -= 1;
        return send(this.faults.commandErrorStatus, { code: this.faults.commandErrorStatus, message: '智能柜模拟器：按要求返回失败', data: null });
      }
      const [status, reply] = this.answer(req.url ?? '/', body, record);
      send(status, reply);
    });
  }

  private verify(req: IncomingMessage, body: string): boolean {
    const timestamp = header(req, 'x-timestamp');
    const nonce = header(req, 'x-nonce');
    if (header(req, 'x-api-key') !== this.credentials.apiKey) return false;
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > SKEW_SECONDS) return false;
    const now = Date.now();
    for (const [seen, at] of this.nonces) if (now - at > SKEW_SECONDS * 1000) this.nonces.delete(seen);
    if (this.nonces.has(nonce)) return false;
    const valid = verifySignature(
      { method: req.method ?? 'POST', pathWithQuery: req.url ?? '/', timestamp, nonce, rawBody: body },
      this.credentials.secret,
      header(req, 'x-signature'),
    );
    if (valid) this.nonces.set(nonce, now);
    return valid;
  }

  private answer(path: string, body: string, record: CommandRecord): [number, object] {
    const fail = (errorCode: string, message: string, status = 200): [number, object] => [status, { code: 1, message, errorCode, data: null }];
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return fail('INVALID_REQUEST', '请求体不是 JSON', 400);
    }
    const call = (Object.keys(OUTBOUND_CALLS) as (keyof typeof OUTBOUND_CALLS)[]).find((name) => OUTBOUND_CALLS[name].path === path);
    if (!call) return fail('INVALID_REQUEST', `没有这个接口: ${path}`, 404);
    const parsed = OUTBOUND_CALLS[call].request.safeParse(json);
    if (!parsed.success) return fail('INVALID_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 400);
    const request = parsed.data as { deviceCode: string; requestId?: string };
    record.requestId = request.requestId;
    const device = this.device(request.deviceCode);
    if (!device) return fail('DEVICE_NOT_FOUND', `设备不存在: ${request.deviceCode}`);
    if (call === 'bindDevice')
      return [200, { code: 0, message: 'ok', data: { deviceCode: device.deviceCode, bound: (json as { action: string }).action === 'bind' } }];
    if (call === 'queryDoor') return [200, { code: 0, message: 'ok', data: this.doorStatus(device, request.requestId) }];
    return this.openDoor(device, parsed.data as OpenDoorCommand);
  }

  private doorStatus(device: DeviceState, requestId?: string) {
    const session = requestId ? this.sessions.get(requestId) : device.current ? this.sessions.get(device.current) : undefined;
    return {
      deviceCode: device.deviceCode,
      online: device.online,
      doorState: device.doorState,
      requestId: session?.requestId ?? null,
      orderCode: session?.orderCode ?? null,
      sessionState: session?.state ?? 'none',
    };
  }

  /** Idempotent by requestId: the same command again answers the same orderCode and opens nothing. */
  private openDoor(device: DeviceState, command: OpenDoorCommand): [number, object] {
    const ok = (session: VendorSession): [number, object] => [
      200,
      { code: 0, message: 'ok', data: { requestId: session.requestId, orderCode: session.orderCode, accepted: true } },
    ];
    const known = this.sessions.get(command.requestId);
    if (known) return ok(known);
    if (!device.online) return [200, { code: 1, message: '设备离线', errorCode: 'DEVICE_OFFLINE', data: null }];
    const holder = device.current ? this.sessions.get(device.current) : undefined;
    if (holder && (holder.state === 'waiting' || holder.state === 'opened'))
      return [200, { code: 1, message: '设备正在使用中', errorCode: 'DEVICE_BUSY', data: null }];
    const session: VendorSession = {
      requestId: command.requestId,
      orderCode: newId('XMO'),
      deviceCode: device.deviceCode,
      type: command.type,
      userCode: command.userCode,
      state: 'waiting',
      acceptedAt: vendorTime(),
    };
    this.sessions.set(session.requestId, session);
    device.current = session.requestId;
    this.later(this.config.openDelayMs, () => this.doorOpens(session));
    return ok(session);
  }

  // ---------------------------------------------------------------- pushes (vendor → us)

  private async doorOpens(session: VendorSession): Promise<void> {
    const device = this.requireDevice(session.deviceCode);
    if (this.faults.openFailures > 0) {
      this.faults.openFailures -= 1;
      session.state = 'failed';
      device.current = undefined;
      await this.pushDoor(session, 'door.open_failed', '门锁故障');
      return;
    }
    session.state = 'opened';
    session.openedAt = vendorTime();
    device.doorState = 'open';
    await this.pushDoor(session, 'door.opened');
    if (this.config.autoCloseMs !== null) {
      this.later(this.config.autoCloseMs, () => this.closeDoor(session.deviceCode, this.config.autoGoods === 'empty' ? [] : undefined).then(() => undefined));
    }
  }

  /**
   * The diner closes the door: door.closed and the order — `goods` as chosen (priced from the
   * store's products unless a price is given), [] for nothing taken, undefined for one product.
   */
  async closeDoor(deviceCode: string, goods?: GoodsChoice[], abnormal?: { reason: AbnormalReason; description?: string }): Promise<VendorSession> {
    const device = this.requireDevice(deviceCode);
    const session = device.current ? this.sessions.get(device.current) : undefined;
    if (!session || session.state !== 'opened') throw Object.assign(new Error(`设备 ${deviceCode} 的柜门没有打开`), { status: 409 });
    session.state = 'closed';
    session.closedAt = vendorTime();
    device.doorState = 'closed';
    const lines = session.type === 2 ? [] : this.price(deviceCode, goods);
    const orderFirst = this.faults.orderBeforeClose > 0 && session.type === 1;
    if (orderFirst) this.faults.orderBeforeClose -= 1;
    const pushOrder = () => (session.type === 2 ? Promise.resolve(true) : this.pushOrder(session, lines, abnormal));
    let delivered: boolean;
    if (orderFirst) {
      delivered = await pushOrder();
      await this.pushDoor(session, 'door.closed');
    } else {
      await this.pushDoor(session, 'door.closed');
      delivered = await pushOrder();
    }
    if (delivered) session.state = 'settled';
    device.current = undefined;
    return session;
  }

  /** Goods priced as the vendor knows them: the store's cabinet_products (sku → name, price). */
  price(deviceCode: string, goods?: GoodsChoice[]): { sku: string; name?: string; quantity: number; unitPriceFen: number }[] {
    const device = this.emulator.db.readAll('devices').find((d) => d.deviceCode === deviceCode || d._id === deviceCode);
    const products = this.emulator.db
      .readAll('cabinet_products')
      .filter((p) => (!device?.storeId || p.storeId === device.storeId) && p.status !== 'off_sale') as { sku: string; name: string; priceFen: number }[];
    const chosen = goods ?? (products[0] ? [{ sku: products[0].sku, quantity: 1 }] : []);
    return chosen.map((choice) => {
      const product = products.find((p) => p.sku === choice.sku);
      const unitPriceFen = choice.unitPriceFen ?? product?.priceFen;
      if (unitPriceFen === undefined) throw Object.assign(new Error(`商品库中没有 sku ${choice.sku}：请给出单价（sku:数量:单价分）`), { status: 400 });
      return { sku: choice.sku, ...(product?.name ? { name: product.name } : {}), quantity: choice.quantity, unitPriceFen };
    });
  }

  private pushDoor(session: VendorSession, type: 'door.opened' | 'door.closed' | 'door.open_failed', reason?: string): Promise<boolean> {
    const body = DoorEventSchema.parse({
      eventId: newId('EVD'),
      type,
      deviceCode: session.deviceCode,
      requestId: session.requestId,
      orderCode: session.orderCode,
      occurredAt: vendorTime(),
      ...(reason ? { reason } : {}),
    });
    return this.push('doorEvents', body);
  }

  private async pushOrder(
    session: VendorSession,
    goods: ReturnType<CabinetSimulator['price']>,
    abnormal?: { reason: AbnormalReason; description?: string },
  ): Promise<boolean> {
    const common = {
      orderCode: session.orderCode,
      requestId: session.requestId,
      deviceCode: session.deviceCode,
      goods,
      closedAt: session.closedAt ?? vendorTime(),
    };
    const route = abnormal ? 'abnormalOrders' : 'orders';
    const build = () =>
      abnormal
        ? AbnormalOrderPushSchema.parse({
            eventId: newId('EVA'),
            ...common,
            reason: abnormal.reason,
            ...(abnormal.description ? { description: abnormal.description } : {}),
          })
        : OrderPushSchema.parse({
            eventId: newId('EVO'),
            ...common,
            handleStatus: 'auto',
            totalFen: goods.reduce((sum, g) => sum + g.quantity * g.unitPriceFen, 0),
          });
    const body = build();
    const delivered = await this.push(route, body);
    if (this.faults.duplicatePushes > 0) {
      this.faults.duplicatePushes -= 1;
      // The same event again (a resend), then the same order under a new event id.
      await this.push(route, body);
      await this.push(route, { ...body, eventId: newId('EVO') });
    }
    return delivered;
  }

  async alarm(deviceCode: string, kind: AlarmKind, state: 'raised' | 'resolved' = 'raised', message?: string): Promise<boolean> {
    this.requireDevice(deviceCode);
    if (!(ALARM_KINDS as readonly string[]).includes(kind)) throw Object.assign(new Error(`告警种类须为 ${ALARM_KINDS.join('/')}`), { status: 400 });
    const body = AlarmPushSchema.parse({
      eventId: newId('EVL'),
      alarmId: newId('AL'),
      deviceCode,
      kind,
      state,
      ...(message ? { message } : {}),
      occurredAt: vendorTime(),
    });
    return this.push('alarms', body);
  }

  pushHeartbeat(deviceCode: string): Promise<boolean> {
    const device = this.requireDevice(deviceCode);
    const body = HeartbeatSchema.parse({
      eventId: newId('EVH'),
      deviceCode,
      online: device.online,
      doorState: device.doorState,
      temperatureC: 6,
      reportedAt: vendorTime(),
    });
    return this.push('heartbeats', body);
  }

  /** Sends one signed push; non-2xx answers are resent (same body, same eventId, fresh signature). */
  private push(route: keyof typeof INBOUND_ROUTES, payload: { eventId: string; deviceCode: string }): Promise<boolean> {
    const run = (async () => {
      const url = `${(this.config.pushBaseUrl ?? this.emulator.url).replace(/\/+$/, '')}${INBOUND_ROUTES[route].path}`;
      const body = JSON.stringify(payload);
      for (let attempt = 1; attempt <= this.config.maxPushAttempts; attempt++) {
        let status = 0;
        try {
          const headers = { 'content-type': 'application/json', ...signedHeaders({ method: 'POST', url, body, ...this.credentials }) };
          status = (await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })).status;
        } catch {
          status = 0;
        }
        this.pushes.push({ at: new Date().toISOString(), route, eventId: payload.eventId, deviceCode: payload.deviceCode, attempt, status });
        if (this.echo) console.log(`[智能柜模拟器] 推送 ${INBOUND_ROUTES[route].summary} ${payload.eventId} → ${status}`);
        if (status >= 200 && status < 300) return true;
        if (attempt < this.config.maxPushAttempts) await new Promise((r) => setTimeout(r, 200 * attempt));
      }
      return false;
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  private later(ms: number, step: () => Promise<unknown>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = step().catch((error: Error) => console.warn(`[智能柜模拟器] ${error.message}`));
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private startHeartbeats(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.firstBeat) clearTimeout(this.firstBeat);
    this.heartbeat = undefined;
    this.firstBeat = undefined;
    if (!this.config.heartbeatMs) return;
    // Every device the vendor knows (the emulator's devices), soon after start and then each period,
    // so the staff pages show them online without anyone touching them first.
    const beat = () => {
      const codes = new Set([...this.devices.keys(), ...this.emulator.db.readAll('devices').map((d) => String(d.deviceCode ?? d._id))]);
      for (const code of codes) if (this.device(code)) void this.pushHeartbeat(code);
    };
    this.firstBeat = setTimeout(beat, Math.min(2000, this.config.heartbeatMs));
    this.firstBeat.unref();
    this.heartbeat = setInterval(beat, this.config.heartbeatMs);
    this.heartbeat.unref();
  }

  private requireDevice(deviceCode: string): DeviceState {
    const device = this.device(deviceCode);
    if (!device) throw Object.assign(new Error(`设备不存在: ${deviceCode}`), { status: 404 });
    return device;
  }
}

// One simulator per data folder, like the POS: functionEnv (before the emulator starts) opens the
// port; the control routes and tests find it through `instance(emulator)`.
/** ports `npm start` configured (functionEnv runs before the emulator exists): the simulator listens there once made */
const pendingPorts = new Map<string, number>();

export function listenWhenCreated(dataDir: string, port: number): void {
  pendingPorts.set(dataDir, port);
}

// Made with the emulator (it needs its database and URL), so only through cabinetSimulatorFor.
const instances = perDataDir((dataDir, emulator) => {
  const simulator = new CabinetSimulator(emulator as Emulator);
  const port = pendingPorts.get(dataDir);
  if (port) {
    void simulator.listen(port, loadPosTls(dataDir));
    simulator.configure({ heartbeatMs: 60_000 });
  }
  return simulator;
});

export const cabinetSimulatorFor = instances.forEmulator;
