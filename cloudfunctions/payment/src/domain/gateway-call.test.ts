import {
  FUNCTION_TIMEOUT_MS,
  GATEWAY_CALL_BOUND_MS,
  gatewayCallMayBeInFlight,
  gatewayMarkerCoversNewCall,
  needsGatewayOrder,
  refuseCloseOnNotExist,
} from './gateway-call';

describe('gateway calls in flight', () => {
  const now = new Date('2026-11-22T02:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('knows which payments still need their WeChat order', () => {
    expect(needsGatewayOrder({ method: 'wechat' })).toBe(true);
    expect(needsGatewayOrder({ method: 'wechat', wxPayment: { package: 'prepay_id=x' } })).toBe(false);
    expect(needsGatewayOrder({ method: 'payscore' })).toBe(true);
    expect(needsGatewayOrder({ method: 'payscore', payScorePackage: 'DJ1' })).toBe(false);
    expect(needsGatewayOrder({ method: 'cash' })).toBe(false);
  });

  it('a marker is fresh for the bound only', () => {
    expect(gatewayCallMayBeInFlight({}, now)).toBe(false);
    expect(gatewayCallMayBeInFlight({ gatewayPendingSince: ago(1000) }, now)).toBe(true);
    expect(gatewayCallMayBeInFlight({ gatewayPendingSince: ago(GATEWAY_CALL_BOUND_MS - 1).toISOString() }, now)).toBe(true);
    expect(gatewayCallMayBeInFlight({ gatewayPendingSince: ago(GATEWAY_CALL_BOUND_MS) }, now)).toBe(false);
    expect(gatewayCallMayBeInFlight({ gatewayPendingSince: null }, now)).toBe(false);
  });

  it('a fresh marker left by a concurrent copy covers a new call only while it outlasts the function timeout', () => {
    expect(gatewayMarkerCoversNewCall({}, now)).toBe(false);
    expect(gatewayMarkerCoversNewCall({ gatewayPendingSince: ago(100) }, now)).toBe(true);
    expect(gatewayMarkerCoversNewCall({ gatewayPendingSince: ago(GATEWAY_CALL_BOUND_MS - FUNCTION_TIMEOUT_MS) }, now)).toBe(true);
    expect(gatewayMarkerCoversNewCall({ gatewayPendingSince: ago(GATEWAY_CALL_BOUND_MS - FUNCTION_TIMEOUT_MS + 1) }, now)).toBe(false);
    // a marker from the future (clock skew) is not trusted to cover anything
    expect(gatewayMarkerCoversNewCall({ gatewayPendingSince: new Date(now.getTime() + 1000) }, now)).toBe(false);
  });

  it('"order does not exist" closes a payment only when no create call can still land and nothing was created meanwhile', () => {
    expect(refuseCloseOnNotExist({ method: 'wechat' }, false, now)).toBeNull();
    expect(refuseCloseOnNotExist({ method: 'wechat', gatewayPendingSince: ago(500) }, false, now)).toBe('in_flight');
    // created after we asked: the answer is stale
    expect(refuseCloseOnNotExist({ method: 'wechat', wxPayment: { package: 'p' } }, false, now)).toBe('opened_meanwhile');
    // WeChat already had it when we asked and still says it does not exist: nothing to pay
    expect(refuseCloseOnNotExist({ method: 'wechat', wxPayment: { package: 'p' } }, true, now)).toBeNull();
    expect(refuseCloseOnNotExist({ method: 'payscore', gatewayPendingSince: ago(GATEWAY_CALL_BOUND_MS + 1) }, false, now)).toBeNull();
  });
});
