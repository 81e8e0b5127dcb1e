import type { DeviceBindCommand, DeviceBindResult, DoorQuery, DoorStatus, OpenDoorCommand, OpenDoorResult, VendorErrorCode } from './xiaomai/protocol';

/**
 * The cabinet vendor port: what the cabinet asks of any vendor cloud. The 小麦 adapter implements it
 * (xiaomai/adapter.ts); another vendor = another adapter + a row in registry.ts. Adapters never
 * throw: a refusal or a failure comes back as a result the caller records and retries.
 */
export interface VendorEndpoint {
  baseUrl: string;
  apiKey: string;
  secret: string;
}

export type VendorCallResult<T> =
  | { ok: true; data: T }
  /** retryable: no answer, a timeout or a 5xx (try again later); otherwise the vendor refused (errorCode) */
  | { ok: false; retryable: boolean; errorCode: VendorErrorCode | null; message: string; status: number };

export interface CabinetVendorAdapter {
  openDoor(endpoint: VendorEndpoint, command: OpenDoorCommand, timeoutMs: number): Promise<VendorCallResult<OpenDoorResult>>;
  queryDoor(endpoint: VendorEndpoint, query: DoorQuery, timeoutMs: number): Promise<VendorCallResult<DoorStatus>>;
  bindDevice(endpoint: VendorEndpoint, command: DeviceBindCommand, timeoutMs: number): Promise<VendorCallResult<DeviceBindResult>>;
}
