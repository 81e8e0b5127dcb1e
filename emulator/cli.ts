/**
 * One CLI for the local CloudBase emulator (`npm start` = `emulator start`).
 *   start [--port 8787] [--data .emulator-data] [--reset] [--no-timers] [--quiet] [--no-build]
 *   fire-timer <function> [--port N]          fire a timer trigger now on a running emulator
 *   stats [--port N]                          admin requests (DB round trips) by action
 * and each simulator's verbs (simulators/registry.ts), e.g.
 *   pay <outTradeNo> [--port N]               the diner pays a WeChat Pay order (simulator → pay callback)
 *   refund [outRefundNo] [--port N]           WeChat finishes pending refunds (simulator → refund callback)
 * The verbs talk to the emulator running on the data folder (--data / EMULATOR_DATA_DIR): its
 * address is in the folder's state file (state-file.ts), so a custom PORT is followed; --port
 * overrides it, and without a running emulator PORT (else 8787) is tried.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { localFunctionEnv } from './local-config';
import { installCrashGuards, onStopRequest } from './process-guards';
import { buildFunctions } from './product-seam';
import { DEMO } from './seed/demo-data';
import { createCollections, seedDemoData } from './seed/seed';
import { startEmulator } from './server';
import { SIMULATORS, simulatorCliVerbs, simulatorFunctionEnv } from './simulators/registry';
import { readState, removeState, writeState } from './state-file';

const projectRoot = resolve(__dirname, '..');

// A verb that takes free-form words (`cabinet close --device X --goods a:1`, CliVerb.rest) gets
// everything after it; only what comes before is parsed as the emulator's own options.
const argv = process.argv.slice(2);
const restAt = argv.findIndex((word, i) => simulatorCliVerbs().some((v) => v.rest && v.verb === word) && !argv[i - 1]?.startsWith('--'));
const restWords: string[] = [];
const ownWords: string[] = restAt >= 0 ? argv.slice(0, restAt + 1) : argv;
// The emulator's own --port / --data still work after such a verb.
for (let i = restAt + 1; restAt >= 0 && i < argv.length; i++) {
  if (argv[i] === '--port' || argv[i] === '--data') ownWords.push(argv[i], argv[++i] ?? '');
  else if (/^--(port|data)=/.test(argv[i])) ownWords.push(argv[i]);
  else restWords.push(argv[i]);
}

const { values, positionals } = parseArgs({
  args: ownWords,
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    data: { type: 'string', default: process.env.EMULATOR_DATA_DIR ?? join(projectRoot, '.emulator-data') },
    reset: { type: 'boolean', default: false },
    'no-timers': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    // the functions are already built (the test suite's global setup builds them once)
    'no-build': { type: 'boolean', default: false },
  },
});

const DEFAULT_PORT = '8787';
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

async function start() {
  installCrashGuards();
  const dataDir = resolve(values.data!);
  const port = values.port || process.env.PORT || DEFAULT_PORT;
  if (values.reset) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`已清空数据目录 ${dataDir}`);
  }
  if (!values['no-build']) {
    console.log('构建云函数…');
    await buildFunctions(true);
  }
  const functionEnv = { ...localFunctionEnv(dataDir), ...simulatorFunctionEnv(dataDir, `http://127.0.0.1:${port}`) };
  const emulator = await startEmulator({
    projectRoot,
    dataDir,
    port: Number(port),
    // Loopback only: the bridge trusts the x-wx-openid header, so anyone who can reach the port can
    // act as any test user. HOST=0.0.0.0 opens it to the LAN for real-device debugging.
    host: process.env.HOST ?? '127.0.0.1',
    timers: !values['no-timers'],
    echoLogs: !values.quiet,
    functionEnv,
    allowedHosts: list(process.env.EMULATOR_ALLOWED_HOSTS),
    allowedOrigins: list(process.env.EMULATOR_ALLOWED_ORIGINS),
  });
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n正在停止模拟器（${reason}）…`);
    try {
      await emulator.close();
    } finally {
      removeState(dataDir);
    }
    console.log('已停止。');
    process.exit(0);
  };
  onStopRequest((reason) => void stop(reason));
  writeState(dataDir, {
    url: emulator.url,
    port: emulator.port,
    pid: process.pid,
    envId: emulator.envId,
    startedAt: new Date().toISOString(),
    credentials: emulator.credentials,
  });
  // also when something below fails and main() exits: the file must not outlive the process
  process.once('exit', () => removeState(dataDir));
  createCollections(emulator.db);
  // Simulators that serve their own port (the cabinet vendor) start with their object.
  for (const simulator of SIMULATORS) simulator.instance?.(emulator);
  const seeded = seedDemoData(emulator.db, dataDir, functionEnv);
  const base = `http://127.0.0.1:${emulator.port}`;
  console.log(`
CloudBase 本地模拟器已启动 (env ${emulator.envId})
  数据目录      ${dataDir} ${seeded ? '(已写入示范数据)' : '(沿用已有数据)'}
  SDK 服务地址  ${base}/admin          (TCB_CONTEXT_CNFG / serviceUrl)
  小程序桥接    ${base}/functions/<name>  (header x-wx-openid)
  HTTP 访问     ${emulator.routes.map((r) => `${base}${r.path} → ${r.functionName}`).join('\n                ')}
  健康检查      ${base}/_emulator/health
  小程序本地地址 ${base}   (miniprogram/config/index.ts 的 LOCAL_BASE_URL${String(emulator.port) === DEFAULT_PORT ? '，默认值即可' : '：端口不是 8787，请改成这个值'})
  状态文件      ${join(dataDir, 'emulator.json')}   (npm run emulator -- pay|refund|fire-timer|stats 从这里找到本模拟器)
  云函数        ${emulator.runtime
    .list()
    .map((f) => f.name)
    .join(', ')}

示范数据
  门店          ${DEMO.storeId} ${DEMO.storeName}
  管理员 openid ${DEMO.adminOpenid}   (两家门店)
  店长 openid   ${DEMO.managerOpenid} / 店员 openid ${DEMO.clerkOpenid}   (仅示范店)
  顾客 openid   ${DEMO.dinerOpenid}
  智能柜        ${DEMO.deviceCode}
  收银系统接入  X-API-Key: ${DEMO.pos.apiKey}
                密钥(secret): ${DEMO.pos.apiSecret}   (仅本地示范用)
`);
  for (const t of emulator.timers.schedule()) {
    console.log(`  定时触发器  ${t.fn}/${t.trigger}  "${t.cron}"  下次 ${t.next?.toISOString() ?? '-'}`);
  }
  console.log('\n按 Ctrl-C 停止。');
}

/** The running emulator's address: --port, else the data folder's state file, else PORT / 8787. */
function emulatorUrl(): string {
  if (values.port) return `http://127.0.0.1:${values.port}`;
  return readState(resolve(values.data!))?.url ?? `http://127.0.0.1:${process.env.PORT || DEFAULT_PORT}`;
}

async function remote(path: string, method: 'GET' | 'POST', body?: object) {
  const url = emulatorUrl();
  const response = await fetch(`${url}${path}`, {
    method,
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  }).catch((error: Error) => {
    throw new Error(`无法连接模拟器 ${url}（${error.message}）：先 npm start，或用 --port / --data 指向正在运行的模拟器`);
  });
  console.log(JSON.stringify(await response.json(), null, 2));
  if (!response.ok) process.exitCode = 1;
}

async function main() {
  const [command = 'start', arg] = positionals;
  if (command === 'start') return start();
  if (command === 'fire-timer' && arg) return remote(`/_emulator/timers/${arg}`, 'POST');
  if (command === 'stats') return remote('/_emulator/stats', 'GET');
  const verbs = simulatorCliVerbs();
  const verb = verbs.find((v) => v.verb === command);
  const request = verb?.request(verb.rest ? restWords.join(' ') : arg);
  if (request) return remote(request.path, request.method, request.body);
  const usage = ['start', 'fire-timer <function>', 'stats', ...verbs.map((v) => (v.argument ? `${v.verb} ${v.argument}` : v.verb))];
  console.error(`用法: emulator ${usage.join('|')} [--port N]`);
  process.exitCode = 2;
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
