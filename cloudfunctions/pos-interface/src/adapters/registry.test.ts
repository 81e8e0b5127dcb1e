import { POS_VENDORS } from '../domain/integration';
import { getAdapter } from './registry';

describe('getAdapter', () => {
  it.each(POS_VENDORS)('returns the %s adapter', (vendor) => {
    const adapter = getAdapter(vendor);
    expect(adapter.vendor).toBe(vendor);
    expect(typeof adapter.buildMenuPushRequests).toBe('function');
    expect(typeof adapter.parseInboundOrder).toBe('function');
  });

  it('maps 2dfire to 二维火', () => {
    expect(getAdapter('2dfire').displayName).toBe('二维火');
  });

  it('rejects vendors that are not configured', () => {
    expect(() => getAdapter('eleme' as never)).toThrow('不支持的收银系统: eleme');
  });
});
