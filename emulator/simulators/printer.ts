import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringifyEjson } from '../database/ejson';
import { DEMO_PRINTING } from '../seed/demo-data';
import type { Emulator, SimulatorDefinition } from '../types';
import { jsonControl } from './json-control';
import { perDataDir, simulatorPort } from './per-data-dir';
import { loadPosTls } from './pos-tls';

/**
 * A simulated 飞鹅云 Feie cloud printer service on its own https port (the certificate the POS
 * simulator generates in the data folder), so kitchen tickets print locally end to end: the
 * functions get `FEIE_API_URL=https://127.0.0.1:<port>/Api/Open/` and the outbound guard's
 * allowlist for that port. It speaks Feie's API: form-encoded `POST /Api/Open/` with `user`,
 * `stime`, `sig = SHA1(user + UKEY + stime)`, `apiname=Open_printMsg`, `sn`, `content`, `times`;
 * it checks the signature against the accounts it knows (the demo account), a fresh `stime`
 * (±300 s) and a known printer SN, and answers `{ ret, msg, data, serverExecutedTime }` as Feie
 * does. Every ticket is recorded with its text as printed (tags removed). Faults: the next N
 * prints (or all) fail as HTTP 503 or as Feie's offline-printer answer.
 *
 * Port: PRINTER_SIMULATOR_PORT, else the emulator's port + 4 (8791 for `npm start`).
 */
export interface PrintedTicket {
  at: string;
  sn: string;
  user: string;
  /** the markup as received */
  content: string;
  /** what the paper shows */
  text: string;
  times: number;
  signatureValid: boolean;
  /** Feie's answer: 0 printed */
  ret: number;
  msg: string;
  /** the order id Feie answers with (data) when printed */
  orderId?: string;
}

export type PrinterFault = 'http503' | 'offline';

const SKEW_SECONDS = 300;

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
function sameHex(a: string, b: string): boolean {
  return /^[0-9a-f]{40}$/.test(a) && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/** The ticket as the paper shows it (Feie tags removed, `<BR>` as line breaks). */
export function printedText(content: string): string {
  return content
    .replace(/<BR>/g, '\n')
    .replace(/<CUT>/g, '')
    .replace(/<\/?[A-Z]+[^>]*>/g, '')
    .replace(/\n$/, '');
}

export class PrinterSimulator {
  readonly tickets: PrintedTicket[] = [];
  /** Feie accounts: USER → UKEY */
  readonly accounts = new Map<string, string>([[DEMO_PRINTING.user, DEMO_PRINTING.ukey]]);
  /** printer SNs added to those accounts */
  readonly printers = new Set<string>(DEMO_PRINTING.printers.map((p) => p.sn));
  echo = true;
  url: string | undefined;
  private server: Server | undefined;
  private failing: { remaining: number; fault: PrinterFault } | undefined;
  private sticky: PrinterFault | undefined;
  private sequence = 0;

  /** Fault: the next `count` prints fail (`http503`: the service is down; `offline`: Feie's 打印机离线 answer). */
  failNext(count = 1, fault: PrinterFault = 'http503'): void {
    this.failing = { remaining: count, fault };
  }

  /** Fault: every print fails this way until `recover()`. */
  failAlways(fault: PrinterFault = 'http503'): void {
    this.sticky = fault;
  }

  recover(): void {
    this.failing = undefined;
    this.sticky = undefined;
  }

  /** Tickets printed (ret 0), optionally of one printer. */
  printed(sn?: string): PrintedTicket[] {
    return this.tickets.filter((t) => t.ret === 0 && (!sn || t.sn === sn));
  }

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
        console.warn(`[打印机模拟器] 无法监听端口 ${port}（${error.code ?? error.message}）：设置 PRINTER_SIMULATOR_PORT 换一个端口`);
        this.server = undefined;
        resolve();
      });
      server.listen(port, '127.0.0.1', () => {
        server.unref();
        resolve();
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 256 * 1024) chunks.push(c);
    });
    req.on('end', () => {
      const [status, reply] = this.answer(req, Buffer.concat(chunks).toString('utf8'));
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(reply));
    });
  }

  private answer(req: IncomingMessage, body: string): [number, unknown] {
    const feie = (ret: number, msg: string, data: unknown = null): [number, unknown] => [200, { msg, ret, data, serverExecutedTime: 3 }];
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/Api/Open/') return [404, { msg: 'not found' }];
    const form = new URLSearchParams(body);
    const user = form.get('user') ?? '';
    const stime = form.get('stime') ?? '';
    const ukey = this.accounts.get(user);
    const fresh = /^\d+$/.test(stime) && Math.abs(Date.now() / 1000 - Number(stime)) <= SKEW_SECONDS;
    const signatureValid = !!ukey && fresh && sameHex(form.get('sig') ?? '', sha1(`${user}${ukey}${stime}`));
    const content = form.get('content') ?? '';
    const sn = form.get('sn') ?? '';
    const ticket: PrintedTicket = {
      at: new Date().toISOString(),
      sn,
      user,
      content,
      text: printedText(content),
      times: Number(form.get('times') ?? '1') || 1,
      signatureValid,
      ret: 0,
      msg: 'ok',
    };
    const fault = this.takeFault();
    let reply: [number, unknown];
    if (fault === 'http503') reply = [503, { msg: 'service unavailable' }];
    else if (!ukey) reply = feie(-2, 'user 不存在');
    else if (!signatureValid) reply = feie(-2, fresh ? '签名错误' : 'stime 已过期');
    else if (form.get('apiname') !== 'Open_printMsg') reply = feie(-3, `apiname 不支持`);
    else if (!this.printers.has(sn)) reply = feie(1002, '打印机编号未添加');
    else if (!content) reply = feie(1003, '参数错误：content 为空');
    else if (fault === 'offline') reply = feie(1001, '打印机离线');
    else {
      this.sequence += 1;
      ticket.orderId = `${sn}_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${this.sequence}`;
      reply = feie(0, 'ok', ticket.orderId);
    }
    const replied = reply[1] as { ret?: number; msg?: string };
    ticket.ret = reply[0] === 200 ? (replied.ret ?? -1) : -reply[0];
    ticket.msg = replied.msg ?? '';
    this.tickets.push(ticket);
    if (this.echo) {
      console.log(ticket.ret === 0 ? `[打印机模拟器] ${sn} 打印小票：\n${ticket.text}\n` : `[打印机模拟器] ${sn} 打印失败：${ticket.msg}（ret ${ticket.ret}）`);
    }
    return reply;
  }

  private takeFault(): PrinterFault | undefined {
    if (this.failing && this.failing.remaining > 0) {
      this.failing.remaining -= 1;
      return this.failing.fault;
    }
    return this.sticky;
  }
}

const instances = perDataDir(() => new PrinterSimulator());
const simulatorFor = instances.forDataDir;

export const printerSimulatorFor = instances.forEmulator;

export const printerSimulatorPort = (emulatorUrl: string): number | undefined => simulatorPort('PRINTER_SIMULATOR_PORT', 4, emulatorUrl);

function configure(dataDir: string, emulatorUrl: string): Record<string, string> {
  const port = printerSimulatorPort(emulatorUrl);
  if (!port) return {};
  const tls = loadPosTls(dataDir);
  void simulatorFor(dataDir).listen(port, tls);
  return { FEIE_API_URL: `https://127.0.0.1:${port}/Api/Open/`, OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${port}`, OUTBOUND_CA_PEM: tls.cert };
}

/** Makes the pending print jobs due now and runs the ordering timer: one retry round without waiting. */
async function retryNow(emulator: Emulator): Promise<[number, unknown]> {
  await emulator.db.handle({
    action: 'database.modifyDocument',
    collectionName: 'print_jobs',
    queryType: 'WHERE',
    query: stringifyEjson({ status: 'pending' }),
    data: stringifyEjson({ $set: { nextAttemptAt: new Date(Date.now() - 1000) } }),
    multi: true,
    merge: true,
  });
  const outcome = await emulator.timers.fire('ordering');
  const jobs = emulator.db
    .readAll('print_jobs')
    .map((j) => ({ _id: j._id, printerId: j.printerId, status: j.status, attempts: j.attempts, lastError: j.lastError }));
  return [outcome.ok ? 200 : 502, { timer: outcome.ok, jobs }];
}

const SUBCOMMANDS: Record<string, { method: 'GET' | 'POST'; path: string; body?: object }> = {
  tickets: { method: 'GET', path: '/_emulator/printer/tickets' },
  fail: { method: 'POST', path: '/_emulator/printer/fail', body: { always: true } },
  'fail-once': { method: 'POST', path: '/_emulator/printer/fail', body: { count: 1 } },
  offline: { method: 'POST', path: '/_emulator/printer/fail', body: { always: true, fault: 'offline' } },
  recover: { method: 'POST', path: '/_emulator/printer/recover' },
  'retry-now': { method: 'POST', path: '/_emulator/printer/retry-now' },
};

/**
 * Control routes:
 *   GET  /_emulator/printer/tickets                              tickets received (text as printed), newest last
 *   POST /_emulator/printer/fail {count?|always?, fault?}        prints fail (http503 | offline)
 *   POST /_emulator/printer/recover                              prints succeed again
 *   POST /_emulator/printer/retry-now                            pending print jobs due now + the ordering timer
 */
export const cloudPrinter: SimulatorDefinition<PrinterSimulator> = {
  name: 'printer',
  summary: '飞鹅云打印机（https）：校验签名，记录每张小票（打印出的文字），可按要求失败',
  controlRoutes: [
    {
      prefix: '/_emulator/printer/',
      summary: '查看收到的小票、让打印失败或恢复、立即重试',
      handle: jsonControl('PRINTER_SIMULATOR_ERROR', {
        'GET /_emulator/printer/tickets': (_body, emulator) => {
          const simulator = printerSimulatorFor(emulator);
          return [200, { url: simulator.url ?? null, listening: simulator.listening, tickets: simulator.tickets }];
        },
        'POST /_emulator/printer/fail': (body, emulator) => {
          const simulator = printerSimulatorFor(emulator);
          const fault: PrinterFault = body.fault === 'offline' ? 'offline' : 'http503';
          if (body.always) simulator.failAlways(fault);
          else simulator.failNext(Number(body.count ?? 1), fault);
          return [200, { failing: body.always ? 'always' : Number(body.count ?? 1), fault }];
        },
        'POST /_emulator/printer/recover': (_body, emulator) => {
          printerSimulatorFor(emulator).recover();
          return [200, { failing: false }];
        },
        'POST /_emulator/printer/retry-now': (_body, emulator) => retryNow(emulator),
      }),
    },
  ],
  cliVerbs: [
    {
      verb: 'printer',
      argument: `<${Object.keys(SUBCOMMANDS).join('|')}>`,
      summary: '打印机模拟器：查看收到的小票、让打印失败 / 离线 / 恢复、立即重试待打印的任务',
      request: (subcommand) => (subcommand && Object.hasOwn(SUBCOMMANDS, subcommand) ? SUBCOMMANDS[subcommand] : undefined),
    },
  ],
  instance: (emulator) => printerSimulatorFor(emulator),
  faults: {
    failNext: 'the next N prints fail (HTTP 503, or Feie’s 打印机离线 answer)',
    failAlways: 'every print fails this way until recover()',
  },
  functionEnv: configure,
};
