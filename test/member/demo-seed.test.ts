import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFunctionEnv } from '../../emulator/local-config';
import { DEMO } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

/**
 * The demo data `npm start` loads must be usable by the real member code: the demo diner is a
 * member document of the real shape (`_id` = openid, totalEarned, levelCode) whose balances equal
 * its ledgers, so the member centre, staff lookup and staff adjustments all work on it.
 */
describe('demo seed: the demo diner is a real member', () => {
  let emulator: TestEmulator;
  const call = (data: Record<string, unknown>, openid: string) => emulator.call<{ code: number; message: string; data: any }>('member', data, openid);

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'member-demo-'));
    // the functions get the same master key the seed sealed the demo phone with, as under `npm start`
    emulator = await startTestEmulator({ dataDir, functionEnv: localFunctionEnv(dataDir) });
    createCollections(emulator.db);
    expect(seedDemoData(emulator.db, emulator.dataDir, localFunctionEnv(emulator.dataDir))).toBe(true);
  });
  afterAll(async () => {
    await emulator.stop();
    rmSync(emulator.dataDir, { recursive: true, force: true });
  });

  it('is stored under its openid with the member shape, balances equal to its ledgers', () => {
    const [member] = emulator.db.readAll('members').filter((doc) => doc.openid === DEMO.dinerOpenid);
    expect(member).toMatchObject({ _id: DEMO.dinerOpenid, totalEarned: 0, levelCode: 'normal', levelName: '普通会员', points: 0, tickets: 50000 });
    expect(member).not.toHaveProperty('totalPoints');
    // the phone is stored sealed, with its blind index and its claim (one member per number)
    expect(JSON.stringify(member)).not.toContain(DEMO.dinerPhone);
    expect(member).toMatchObject({ phoneSealed: { alg: 'A256GCM' }, phoneIndex: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(emulator.db.readAll('member_phone_claims')).toEqual([expect.objectContaining({ _id: member.phoneIndex, openid: DEMO.dinerOpenid })]);
    const sum = (rows: Record<string, unknown>[], field: string) => rows.filter((r) => r.openid === DEMO.dinerOpenid).reduce((s, r) => s + Number(r[field]), 0);
    expect(sum(emulator.db.readAll('member_ticket_logs'), 'tickets')).toBe(member.tickets);
    expect(sum(emulator.db.readAll('member_points_logs'), 'points')).toBe(member.points);
  });

  it('getProfile shows the seeded balances, and the ticket ledger explains them', async () => {
    const profile = await call({ action: 'getProfile' }, DEMO.dinerOpenid);
    expect(profile).toMatchObject({
      code: 0,
      data: { openid: DEMO.dinerOpenid, nickname: '示范顾客', phone: '13800138000', points: 0, totalEarned: 0, tickets: 50000, level: { code: 'normal' } },
    });
    // it was found, not created afresh (a fresh profile would have no tickets)
    expect(emulator.db.readAll('members').filter((doc) => doc.openid === DEMO.dinerOpenid)).toHaveLength(1);
    const tickets = await call({ action: 'listTicketLogs' }, DEMO.dinerOpenid);
    expect(tickets.data.items).toEqual([expect.objectContaining({ change: 50000, balanceAfter: 50000, sourceType: 'topup' })]);
  });

  it('the demo admin finds the demo diner by phone and adjusts the points', async () => {
    const found = await call({ action: 'lookupMemberByPhone', phone: '13800138000' }, DEMO.adminOpenid);
    expect(found).toMatchObject({ code: 0, data: { openid: DEMO.dinerOpenid, phoneMasked: '138****8000', tickets: 50000, points: 0 } });

    const adjusted = await call(
      { action: 'adjustPoints', openid: DEMO.dinerOpenid, storeId: DEMO.storeId, points: 120, reason: '示范调整', idempotencyKey: 'demo-seed-adjust-1' },
      DEMO.adminOpenid,
    );
    expect(adjusted).toMatchObject({ code: 0, data: { change: 120, balanceAfter: 120, replayed: false } });
    const profile = await call({ action: 'getProfile' }, DEMO.dinerOpenid);
    expect(profile.data).toMatchObject({ points: 120, totalEarned: 0, tickets: 50000 });
  });
});
