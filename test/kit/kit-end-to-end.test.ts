import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectSdk, PROJECT_ROOT, startTestEmulator, type TestEmulator } from '../helpers/emulator';

describe('function kit end to end (bundled, through the emulator)', () => {
  let emulator: TestEmulator;
  // inside the project so the bundle resolves wx-server-sdk from node_modules, like a deployed function
  mkdirSync(join(PROJECT_ROOT, 'build'), { recursive: true });
  const root = mkdtempSync(join(PROJECT_ROOT, 'build', 'kit-e2e-'));

  beforeAll(async () => {
    const fnDir = join(root, 'functions', 'kit-fixture');
    mkdirSync(fnDir, { recursive: true });
    await build({
      entryPoints: [join(__dirname, 'fixture', 'index.ts')],
      outfile: join(fnDir, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['wx-server-sdk'],
      logLevel: 'error',
    });
    writeFileSync(join(fnDir, 'config.json'), '{"timeout": 5}');
    writeFileSync(
      join(root, 'cloudbaserc.json'),
      JSON.stringify({ gateway: { routes: [{ path: '/v1/kit', target: 'function:kit-fixture', enablePathTransmission: true }] } }),
    );
    mkdirSync(join(root, 'data'));
    emulator = await startTestEmulator({ projectRoot: root, functionsRoot: join(root, 'functions'), dataDir: join(root, 'data') });
    emulator.db.ensureCollection('notes');
    emulator.db.ensureCollection('staff');
    emulator.db.insertRaw('staff', [
      { _id: 's1', openid: 'manager-a', name: '店长甲', role: 'manager', storeIds: ['store-a'], status: 'active' },
      { _id: 's2', openid: 'clerk-a', name: '店员乙', role: 'clerk', storeIds: ['store-a'], status: 'active' },
    ]);
  });
  afterAll(async () => {
    await emulator.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const countNotes = async () => (await connectSdk(emulator.url).database().collection('notes').count()).total;

  it('writes on valid input and returns the envelope', async () => {
    const reply = await emulator.call<any>('kit-fixture', { action: 'addNote', title: '午市', lines: [{ qty: 2 }] }, 'diner-1');
    expect(reply).toMatchObject({ code: 0, message: 'ok', data: { id: expect.any(String) } });
    const saved = await connectSdk(emulator.url).database().collection('notes').doc(reply.data.id).get();
    expect(saved.data).toMatchObject({ title: '午市', by: 'diner-1' });
  });

  it('rejects invalid input with the field path and writes nothing (callFunction and HTTP)', async () => {
    const before = await countNotes();
    const reply = await emulator.call<any>('kit-fixture', { action: 'addNote', title: '晚市', lines: [{ qty: 1 }, { qty: 0 }] }, 'diner-1');
    expect(reply).toMatchObject({ code: 40001, data: null, details: { field: 'lines.1.qty' } });
    expect(reply.message).toContain('数量必须为正整数');
    const http = await emulator.http('POST', '/v1/kit/notes', { body: { title: '', lines: [] } });
    expect(http.status).toBe(400);
    expect(http.json).toMatchObject({ code: 40001, details: { field: 'title' } });
    const malformed = await emulator.http('POST', '/v1/kit/notes', { body: '{"title":' });
    expect([malformed.status, malformed.json.code]).toEqual([400, 40002]);
    expect(await countNotes()).toBe(before);
  });

  it('serves HTTP routes with the HTTP status of the reply', async () => {
    const http = await emulator.http('POST', '/v1/kit/notes', { body: { title: '外卖', lines: [{ qty: 1 }] } });
    expect(http.status).toBe(201);
    expect(http.json.code).toBe(0);
  });

  it('checks staff roles and store scope from the staff collection', async () => {
    expect(await emulator.call('kit-fixture', { action: 'staffOnly', storeId: 'store-a' }, 'manager-a')).toMatchObject({ code: 0, data: { staff: '店长甲' } });
    expect(await emulator.call('kit-fixture', { action: 'staffOnly', storeId: 'store-b' }, 'manager-a')).toMatchObject({ code: 40301 });
    expect(await emulator.call('kit-fixture', { action: 'staffOnly', storeId: 'store-a' }, 'clerk-a')).toMatchObject({ code: 40301 });
    expect(await emulator.call('kit-fixture', { action: 'staffOnly', storeId: 'store-a' }, 'stranger')).toMatchObject({ code: 40301 });
    expect(await emulator.call('kit-fixture', { action: 'staffOnly', storeId: 'store-a' })).toMatchObject({ code: 40101 });
  });
});
