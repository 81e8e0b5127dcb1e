import { ABNORMAL_REASONS } from '../product-seam';
import { DEMO, useDemoCabinetSimulator } from '../seed/demo-data';
import type { CliVerb, SimulatorDefinition } from '../types';
import {
  cabinetSimulatorFor,
  listenWhenCreated,
  type CabinetFaults,
  type CabinetSimulator,
  type CabinetSimulatorConfig,
  type GoodsChoice,
} from './cabinet-vendor';
import { jsonControl, type JsonControlAction } from './json-control';
import { simulatorPort } from './per-data-dir';
import { loadPosTls } from './pos-tls';

/**
 * The simulated 小麦 cabinet vendor (engine: cabinet-vendor.ts) as the emulator wires it: control surface: the HTTP actions under /_emulator/cabinet/ (the CLI,
 * the mini-program's local mode and the README walk use them) and the `cabinet` CLI verb.
 *
 *   GET  /_emulator/cabinet/state                                  devices, sessions, pushes, commands, config, faults
 *   POST /_emulator/cabinet/close     {device?, goods?}            the diner closes the door: door.closed + order
 *                                                                  goods: [{sku, quantity, unitPriceFen?}] or "sku:qty[:fen],…"; absent → one product
 *   POST /_emulator/cabinet/empty     {device?}                    closed with nothing taken (empty order)
 *   POST /_emulator/cabinet/abnormal  {device?, reason?, goods?}   closed, abnormal order (camera_error, weight_error …)
 *   POST /_emulator/cabinet/alarm     {device?, kind, state?, message?}
 *   POST /_emulator/cabinet/heartbeat {device?}                    one heartbeat now
 *   POST /_emulator/cabinet/offline | /online {device?}            the device goes off / on line (and says so)
 *   POST /_emulator/cabinet/fault     {commandErrors?, commandTimeouts?, openFailures?, duplicatePushes?, orderBeforeClose?} | {clear: true}
 *   POST /_emulator/cabinet/config    {openDelayMs?, autoCloseMs?, autoGoods?, heartbeatMs?, pushBaseUrl?}
 * `device` defaults to the demo device XM-DEMO-0001.
 */

const device = (body: Record<string, unknown>) => String(body.device ?? body.deviceCode ?? DEMO.deviceCode);

/** "sku:qty[:fen],…" or an array of {sku, quantity, unitPriceFen?}. */
export function parseGoods(value: unknown): GoodsChoice[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const bad = () => Object.assign(new Error('goods 须为 "sku:数量[:单价分],…" 或 [{sku, quantity, unitPriceFen?}]'), { status: 400 });
  const entries: unknown[] =
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : Array.isArray(value)
        ? value
        : [];
  if (!entries.length) throw bad();
  return entries.map((entry) => {
    if (typeof entry === 'string') {
      const [sku, quantity = '1', fen] = entry.split(':');
      const parsed = { sku, quantity: Number(quantity), ...(fen !== undefined ? { unitPriceFen: Number(fen) } : {}) };
      if (!sku || !Number.isInteger(parsed.quantity) || parsed.quantity < 1 || (fen !== undefined && !Number.isInteger(parsed.unitPriceFen))) throw bad();
      return parsed;
    }
    const item = entry as { sku?: unknown; quantity?: unknown; unitPriceFen?: unknown };
    if (typeof item?.sku !== 'string' || !Number.isInteger(item.quantity) || (item.quantity as number) < 1) throw bad();
    return { sku: item.sku, quantity: item.quantity as number, ...(Number.isInteger(item.unitPriceFen) ? { unitPriceFen: item.unitPriceFen as number } : {}) };
  });
}

const sessionReply = (session: { requestId: string; orderCode: string; state: string }) => ({
  requestId: session.requestId,
  orderCode: session.orderCode,
  state: session.state,
});

function cabinetControlActions(): Record<string, JsonControlAction> {
  const sim = cabinetSimulatorFor;
  return {
    'GET /_emulator/cabinet/state': (_body, emulator) => [200, sim(emulator).state()],
    'POST /_emulator/cabinet/close': async (body, emulator) => [200, sessionReply(await sim(emulator).closeDoor(device(body), parseGoods(body.goods)))],
    'POST /_emulator/cabinet/empty': async (body, emulator) => [200, sessionReply(await sim(emulator).closeDoor(device(body), []))],
    'POST /_emulator/cabinet/abnormal': async (body, emulator) => {
      const reason = String(body.reason ?? 'weight_error');
      if (!(ABNORMAL_REASONS as readonly string[]).includes(reason)) return [400, { code: 'BAD_REASON', message: `reason 须为 ${ABNORMAL_REASONS.join('/')}` }];
      const description = body.description ? String(body.description) : undefined;
      const session = await sim(emulator).closeDoor(device(body), parseGoods(body.goods) ?? [], {
        reason: reason as never,
        ...(description ? { description } : {}),
      });
      return [200, sessionReply(session)];
    },
    'POST /_emulator/cabinet/alarm': async (body, emulator) => {
      const state = body.state === 'resolved' ? 'resolved' : 'raised';
      const delivered = await sim(emulator).alarm(device(body), String(body.kind ?? '') as never, state, body.message ? String(body.message) : undefined);
      return [200, { delivered }];
    },
    'POST /_emulator/cabinet/heartbeat': async (body, emulator) => [200, { delivered: await sim(emulator).pushHeartbeat(device(body)) }],
    'POST /_emulator/cabinet/offline': (body, emulator) => [200, sim(emulator).setOnline(device(body), false)],
    'POST /_emulator/cabinet/online': (body, emulator) => [200, sim(emulator).setOnline(device(body), true)],
    'POST /_emulator/cabinet/fault': (body, emulator) => {
      if (body.clear) return [200, sim(emulator).fault('clear')];
      const changes: Partial<CabinetFaults> = {};
      for (const key of ['commandErrors', 'commandErrorStatus', 'commandTimeouts', 'openFailures', 'duplicatePushes', 'orderBeforeClose'] as const) {
        if (body[key] !== undefined) {
          const n = Number(body[key]);
          if (!Number.isInteger(n) || n < 0) return [400, { code: 'BAD_FAULT', message: `${key} 须为非负整数` }];
          changes[key] = n;
        }
      }
      return [200, sim(emulator).fault(changes)];
    },
    'POST /_emulator/cabinet/config': (body, emulator) => {
      const changes: Partial<CabinetSimulatorConfig> = {};
      const ms = (key: 'openDelayMs' | 'autoCloseMs' | 'heartbeatMs') => {
        if (body[key] === undefined) return;
        if (body[key] === null && key !== 'openDelayMs') changes[key] = null;
        else if (Number.isInteger(body[key]) && (body[key] as number) >= 0) changes[key] = body[key] as number;
        else throw Object.assign(new Error(`${key} 须为非负整数毫秒`), { status: 400 });
      };
      ms('openDelayMs');
      ms('autoCloseMs');
      ms('heartbeatMs');
      if (body.autoGoods === 'empty' || body.autoGoods === 'one') changes.autoGoods = body.autoGoods;
      if (typeof body.pushBaseUrl === 'string') changes.pushBaseUrl = body.pushBaseUrl;
      return [200, sim(emulator).configure(changes)];
    },
  };
}

/** `key=value` and `--key value` words after the subcommand; bare words are listed in `bare` (the first is the device). */
export function parseCabinetWords(words: string[]): Record<string, string> & { bare?: string } {
  const out: Record<string, string> = {};
  const bare: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.startsWith('--')) {
      const [key, inline] = word.slice(2).split('=', 2);
      out[key] = inline ?? words[++i] ?? '';
    } else if (word.includes('=')) {
      const [key, ...rest] = word.split('=');
      out[key] = rest.join('=');
    } else bare.push(word);
  }
  if (bare.length && !out.device) out.device = bare[0];
  return { ...out, bare: bare.join(' ') };
}

const CLI_FAULTS: Record<string, keyof CabinetFaults> = {
  '5xx': 'commandErrors',
  timeout: 'commandTimeouts',
  'open-fail': 'openFailures',
  duplicate: 'duplicatePushes',
  'order-first': 'orderBeforeClose',
};

/**
 * `npm run emulator -- cabinet <state|close|empty|abnormal|alarm|heartbeat|offline|online|fault|config> …`, e.g.
 *   cabinet close --device XM-DEMO-0001 --goods COLA-330:2,CHIPS-70:1
 *   cabinet abnormal --reason camera_error        cabinet alarm --kind lock --state raised
 *   cabinet fault 5xx=2 | timeout=1 | open-fail=1 | duplicate=1 | order-first=1 | clear
 *   cabinet config --open-delay 500 --auto-close 10000 --heartbeat 60000
 */
const cabinetCliVerb: CliVerb = {
  verb: 'cabinet',
  argument: '<state|close|empty|abnormal|alarm|heartbeat|offline|online|fault|config> [--device 编号] [--goods sku:数量,…] …',
  summary: '智能柜模拟器：关门结算（选商品 / 未取 / 异常）、告警、心跳、上下线、故障注入、配置、查看状态',
  rest: true,
  request: (argument) => {
    const [sub, ...words] = (argument ?? '').split(/\s+/).filter(Boolean);
    const args = parseCabinetWords(words);
    const path = `/_emulator/cabinet/${sub}`;
    const base = args.device ? { device: args.device } : {};
    switch (sub) {
      case 'state':
        return { method: 'GET', path };
      case 'close':
        return { method: 'POST', path, body: { ...base, ...(args.goods ? { goods: args.goods } : {}) } };
      case 'empty':
      case 'heartbeat':
      case 'offline':
      case 'online':
        return { method: 'POST', path, body: base };
      case 'abnormal':
        return { method: 'POST', path, body: { ...base, ...(args.reason ? { reason: args.reason } : {}), ...(args.goods ? { goods: args.goods } : {}) } };
      case 'alarm':
        return args.kind ? { method: 'POST', path, body: { ...base, kind: args.kind, ...(args.state ? { state: args.state } : {}) } } : undefined;
      case 'fault': {
        const flags = (args.bare ?? '').split(' ').filter(Boolean);
        if (flags.includes('clear')) return { method: 'POST', path, body: { clear: true } };
        const body: Record<string, number> = {};
        for (const [word, key] of Object.entries(CLI_FAULTS)) {
          if (args[word] !== undefined) body[key] = Number(args[word] || 1);
          else if (flags.includes(word)) body[key] = 1;
        }
        return Object.keys(body).length ? { method: 'POST', path, body } : undefined;
      }
      case 'config': {
        const body: Record<string, unknown> = {};
        if (args['open-delay']) body.openDelayMs = Number(args['open-delay']);
        if (args['auto-close']) body.autoCloseMs = args['auto-close'] === 'off' ? null : Number(args['auto-close']);
        if (args.heartbeat) body.heartbeatMs = args.heartbeat === 'off' ? null : Number(args.heartbeat);
        if (args['auto-goods']) body.autoGoods = args['auto-goods'];
        return Object.keys(body).length ? { method: 'POST', path, body } : undefined;
      }
      default:
        return undefined;
    }
  },
};

/** CABINET_SIMULATOR_PORT, else the emulator's port + 2. */
export const cabinetSimulatorPort = (emulatorUrl: string): number | undefined => simulatorPort('CABINET_SIMULATOR_PORT', 2, emulatorUrl);

/**
 * `npm start`: the vendor's https address becomes the demo vendor's baseUrl (seed) and is allowed
 * through the functions' SSRF guard with the local certificate; the simulator object itself is
 * made with the emulator (it needs its database and URL) and then listens there.
 */
function configure(dataDir: string, emulatorUrl: string): Record<string, string> {
  const port = cabinetSimulatorPort(emulatorUrl);
  if (!port) return {};
  const tls = loadPosTls(dataDir);
  listenWhenCreated(dataDir, port);
  useDemoCabinetSimulator(`https://127.0.0.1:${port}`);
  return { OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${port}`, OUTBOUND_CA_PEM: tls.cert };
}

export const cabinetVendor: SimulatorDefinition<CabinetSimulator> = {
  name: 'cabinet',
  summary: '智能柜厂商云（小麦，https）：验签开门/查询/绑定，推送柜门事件、订单、异常订单、心跳、告警，可注入故障',
  controlRoutes: [
    {
      prefix: '/_emulator/cabinet/',
      summary: '关门并结算（选商品 / 未取 / 异常）、告警、心跳、上下线、故障注入、配置、查看状态（小程序本地模式也用它）',
      handle: jsonControl('CABINET_SIMULATOR_ERROR', cabinetControlActions()),
    },
  ],
  cliVerbs: [cabinetCliVerb],
  instance: (emulator) => cabinetSimulatorFor(emulator),
  faults: {
    fault: 'commands answer 5xx or are never answered, doors fail to open, orders are pushed twice (same and new eventId), the order comes before door.closed',
    configure: 'open delay, automatic close (with one product or nothing), heartbeat period, push target',
  },
  functionEnv: configure,
};
