import { DEVICE, STORE, startCabinetHarness, type CabinetHarness } from './support';

const ADMIN = 'demo-admin-openid';
const MANAGER = 'demo-manager-openid';
const CLERK = 'demo-clerk-openid';

/** Staff cabinet actions: devices (status, QR code, binding), products, role and store scope. */
describe('cabinet: staff actions', () => {
  let h: CabinetHarness;
  beforeAll(async () => {
    h = await startCabinetHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('lists devices with status and heartbeat, and shows the QR code as a PNG', async () => {
    const list = await h.call('listDevices', { storeId: STORE }, CLERK);
    expect(list.data.items).toEqual([expect.objectContaining({ deviceCode: DEVICE, status: 'online', statusText: '在线', bindStatus: 'bound' })]);
    const qr = await h.call('getDeviceQrCode', { deviceCode: DEVICE }, CLERK);
    expect(qr.data).toMatchObject({ scene: `d=${DEVICE}`, contentType: 'image/png' });
    expect(Buffer.from(qr.data.imageBase64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('binds a new device to a store through the vendor; clerks may not, other stores cannot see it', async () => {
    expect((await h.call('bindDevice', { deviceCode: 'XM-NEW-0002', storeId: STORE }, CLERK)).code).toBe(40301);
    const bound = await h.call('bindDevice', { deviceCode: 'XM-NEW-0002', storeId: STORE, name: '二号柜' }, MANAGER);
    expect(bound.data).toMatchObject({ deviceCode: 'XM-NEW-0002', storeId: STORE, bindStatus: 'bound', name: '二号柜' });
    expect(h.sim.state().commands.some((c: { path: string }) => c.path === '/open/v1/device/bind')).toBe(true);
    expect((await h.call('bindDevice', { deviceCode: 'XM-NEW-0003', storeId: 'rest_654321' }, MANAGER)).code).toBe(40301);
  });

  it('saves and lists the store products (sku, price in fen, barcode)', async () => {
    const saved = await h.call('saveProduct', { storeId: STORE, sku: 'XM-SKU-NEW', name: '能量棒', priceFen: 990, barcode: '6900000000001' }, MANAGER);
    expect(saved.data).toMatchObject({ sku: 'XM-SKU-NEW', priceFen: 990, status: 'on_sale' });
    const list = await h.call('listProducts', { storeId: STORE, keyword: '能量' }, CLERK);
    expect(list.data.items).toEqual([expect.objectContaining({ sku: 'XM-SKU-NEW', name: '能量棒' })]);
    expect((await h.call('saveProduct', { storeId: STORE, sku: 'bad sku', name: 'x', priceFen: -1 }, MANAGER)).code).toBe(40001);
    expect((await h.call('listProducts', { storeId: 'rest_654321' }, CLERK)).code).toBe(40301);
    expect((await h.call('listDevices', {}, ADMIN)).data.total).toBeGreaterThanOrEqual(2);
  });
});
