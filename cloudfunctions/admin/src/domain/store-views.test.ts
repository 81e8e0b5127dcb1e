import { distanceMetres, orderForPicker, storeIdOf, toDetail, toPublic } from './store-views';

describe('store views', () => {
  it('read stores written before the editor (no hours, contact, limits) and keep stored type/property', () => {
    const detail = toDetail({ _id: 'rest_1', name: '示范店', type: '餐厅', property: '直营' }, 2);
    expect(detail).toMatchObject({
      type: '餐厅',
      property: '直营',
      status: 'active',
      businessHours: [],
      contact: null,
      amountLimitFen: null,
      minTicketBalance: null,
      deviceCount: 2,
    });
  });

  it('measures distances and puts the nearest store first, stores without a location last', () => {
    const shanghai = { latitude: 31.2304, longitude: 121.4737 };
    expect(distanceMetres(shanghai, { latitude: 31.2404, longitude: 121.4737 })).toBeGreaterThan(1000);
    expect(distanceMetres(shanghai, { latitude: 31.2404, longitude: 121.4737 })).toBeLessThan(1200);
    const stores = [
      toPublic({ _id: 'far', name: '远', location: { latitude: 31.3, longitude: 121.5 } }, shanghai),
      toPublic({ _id: 'none', name: '无位置' }, shanghai),
      toPublic({ _id: 'near', name: '近', location: { latitude: 31.231, longitude: 121.474 } }, shanghai),
    ];
    expect(orderForPicker(stores).map((s) => s._id)).toEqual(['near', 'far', 'none']);
  });

  it('derives the id of a new store from its code', () => {
    expect(storeIdOf('SH-003')).toBe('store_sh-003');
  });
});
