import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Collections } from '../../cloudfunctions/shared/collections';
import { createCollections } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

/**
 * Issue 12 items 9 and 10: one phone belongs to one member (enforced under concurrency by a claim
 * document keyed by the phone's blind index), and phones are stored sealed, never in clear.
 */
describe('member phones: one number one member, encrypted at rest', () => {
  let emulator: TestEmulator;
  const call = (data: Record<string, unknown>, openid?: string) => emulator.call<any>('member', data, openid);
  const rawMember = (openid: string) => emulator.db.readAll(Collections.members).find((doc) => doc._id === openid);

  beforeAll(async () => {
    emulator = await startTestEmulator({ functionEnv: { SECRETS_MASTER_KEY: randomBytes(32).toString('base64'), SECRETS_MASTER_KEY_ID: 'test' } });
    createCollections(emulator.db);
    emulator.db.insertRaw(Collections.staff, [{ _id: 'st-clerk', openid: 'clerk', name: '店员', role: 'clerk', storeIds: ['s1'], status: 'active' }]);
  });
  afterAll(() => emulator.stop());

  it('stores no clear phone after bindPhone; lookup still finds the member, replies mask it, logs never hold it', async () => {
    const bound = await call({ action: 'bindPhone', code: 'test-phone-13655554444' }, 'sealed-diner');
    expect(bound).toMatchObject({ code: 0, data: { phone: '13655554444' } });

    const stored = rawMember('sealed-diner');
    expect(JSON.stringify(stored)).not.toContain('13655554444');
    expect(JSON.stringify(stored)).not.toContain('55554444');
    expect(stored).toMatchObject({ phoneSealed: { alg: 'A256GCM', kid: 'test' }, phoneIndex: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stored?.phone ?? null).toBeNull();

    const found = await call({ action: 'lookupMemberByPhone', phone: '13655554444' }, 'clerk');
    expect(found).toMatchObject({ code: 0, data: { openid: 'sealed-diner', phoneMasked: '136****4444' } });
    expect(JSON.stringify(found)).not.toContain('13655554444');
    expect((await call({ action: 'getProfile' }, 'sealed-diner')).data.phone).toBe('13655554444');

    const logs = readFileSync(join(emulator.dataDir, 'functions.log'), 'utf8');
    expect(logs).not.toContain('13655554444');
  });

  it('binds for a diner whose profile exists already (getProfile first, as the member centre does)', async () => {
    expect((await call({ action: 'getProfile' }, 'profile-first')).data.phone).toBeNull();
    expect(await call({ action: 'bindPhone', code: 'test-phone-13600001111' }, 'profile-first')).toMatchObject({ code: 0, data: { phone: '13600001111' } });
    expect((await call({ action: 'getProfile' }, 'profile-first')).data.phone).toBe('13600001111');
    expect(JSON.stringify(rawMember('profile-first'))).not.toContain('13600001111');
  });

  it('two diners binding the same phone at once: exactly one wins, lookup returns that one', async () => {
    const [a, b] = await Promise.all([
      call({ action: 'bindPhone', code: 'test-phone-13711112222' }, 'race-a'),
      call({ action: 'bindPhone', code: 'test-phone-13711112222' }, 'race-b'),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 40963]);
    const loser = a.code === 0 ? b : a;
    expect(loser).toMatchObject({ message: '该手机号已绑定其他会员', details: { field: 'code' } });
    const winner = a.code === 0 ? 'race-a' : 'race-b';
    const found = await call({ action: 'lookupMemberByPhone', phone: '13711112222' }, 'clerk');
    expect(found).toMatchObject({ code: 0, data: { openid: winner } });
    const holders = emulator.db.readAll(Collections.members).filter((doc) => doc.phoneIndex && doc.phoneIndex === rawMember(winner)?.phoneIndex);
    expect(holders).toHaveLength(1);
  });

  it('binding again the same number is fine; a new number releases the old one for others', async () => {
    expect((await call({ action: 'bindPhone', code: 'test-phone-13822223333' }, 'mover')).code).toBe(0);
    expect((await call({ action: 'bindPhone', code: 'test-phone-13822223333' }, 'mover')).code).toBe(0);
    expect((await call({ action: 'bindPhone', code: 'test-phone-13822223333' }, 'other')).code).toBe(40963);
    expect((await call({ action: 'bindPhone', code: 'test-phone-13822224444' }, 'mover')).code).toBe(0);
    expect((await call({ action: 'bindPhone', code: 'test-phone-13822223333' }, 'other')).code).toBe(0);
    expect((await call({ action: 'lookupMemberByPhone', phone: '13822223333' }, 'clerk')).data.openid).toBe('other');
    expect((await call({ action: 'lookupMemberByPhone', phone: '13822224444' }, 'clerk')).data.openid).toBe('mover');
  });

  it('migrates a legacy clear phone on read, and then refuses it to another diner', async () => {
    const legacy = {
      openid: 'legacy',
      nickname: '老会员',
      phone: '13933334444',
      points: 5,
      totalEarned: 5,
      tickets: 0,
      levelCode: 'normal',
      levelName: '普通会员',
    };
    emulator.db.insertRaw(Collections.members, [{ _id: 'legacy', ...legacy, createdAt: new Date(), updatedAt: new Date() }]);
    const found = await call({ action: 'lookupMemberByPhone', phone: '13933334444' }, 'clerk');
    expect(found).toMatchObject({ code: 0, data: { openid: 'legacy', phoneMasked: '139****4444' } });
    expect(JSON.stringify(rawMember('legacy'))).not.toContain('13933334444');
    expect((await call({ action: 'getProfile' }, 'legacy')).data.phone).toBe('13933334444');
    expect((await call({ action: 'bindPhone', code: 'test-phone-13933334444' }, 'newcomer')).code).toBe(40963);

    // a legacy owner binding is migrated first too: the newcomer cannot take a number held in clear
    emulator.db.insertRaw(Collections.members, [
      { _id: 'legacy-2', ...legacy, openid: 'legacy-2', phone: '13933335555', createdAt: new Date(), updatedAt: new Date() },
    ]);
    expect((await call({ action: 'bindPhone', code: 'test-phone-13933335555' }, 'newcomer')).code).toBe(40963);
    expect(JSON.stringify(rawMember('legacy-2'))).not.toContain('13933335555');
  });

  it('answers an explicit error when legacy data has two members with one phone', async () => {
    const dup = (id: string) => ({
      _id: id,
      openid: id,
      nickname: id,
      phone: '13544445555',
      points: 0,
      totalEarned: 0,
      tickets: 0,
      levelCode: 'normal',
      levelName: '普通会员',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    emulator.db.insertRaw(Collections.members, [dup('dup-1'), dup('dup-2')]);
    const reply = await call({ action: 'lookupMemberByPhone', phone: '13544445555' }, 'clerk');
    expect(reply).toMatchObject({ code: 40964, message: '该手机号对应多个会员，请联系管理员处理', details: { field: 'phone', count: 2 } });
    // both were still encrypted by the attempt, and asking again gives the same answer
    expect(JSON.stringify(emulator.db.readAll(Collections.members))).not.toContain('13544445555');
    expect((await call({ action: 'lookupMemberByPhone', phone: '13544445555' }, 'clerk')).code).toBe(40964);
  });
});
