import { randomBytes } from 'node:crypto';

/**
 * The Pay Score sandbox's one-time authorizations (smart retail, 免确认): the merchant applies
 * (`POST /v3/payscore/permissions` → apply_permissions_token), the diner opens the service in the
 * Pay Score mini-program (here: a control route / CLI verb), WeChat notifies
 * PAYSCORE.USER_OPEN_SERVICE; closing it notifies USER_CLOSE_SERVICE. State answers
 * `GET /v3/payscore/permissions/openid/{openid}`. Kept in memory like the sandbox's orders.
 */

export interface PermissionApplication {
  token: string;
  authorizationCode: string;
  notifyUrl: string;
  serviceId: string;
  appid: string;
}

export interface SandboxPermission {
  openid: string;
  authorizationCode?: string;
  state: 'AVAILABLE' | 'UNAVAILABLE';
  notifyUrl: string;
  successTime?: string;
  cancelTime?: string;
}

export type PermissionNotice = {
  notifyUrl: string;
  eventType: 'PAYSCORE.USER_OPEN_SERVICE' | 'PAYSCORE.USER_CLOSE_SERVICE';
  resource: Record<string, unknown>;
};

/** Pay Score times: yyyyMMddHHmmss in Beijing time. */
export function beijingTime(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

export class SandboxPermissions {
  private readonly applications = new Map<string, PermissionApplication>();
  private readonly byOpenid = new Map<string, SandboxPermission>();

  constructor(
    private readonly ids: { mchid: string; appid: string; serviceId: string },
    /** where the notification goes when the diner opens without an application (CLI) */
    private readonly defaultNotifyUrl: () => string,
  ) {}

  apply(body: Record<string, unknown>): { ok: true; token: string } | { ok: false; code: string; message: string } {
    const code = String(body.authorization_code ?? '');
    if (!code || code.length > 32 || !body.notify_url || !body.service_id)
      return { ok: false, code: 'PARAM_ERROR', message: '缺少 service_id/authorization_code/notify_url' };
    if (body.service_id !== this.ids.serviceId) return { ok: false, code: 'INVALID_REQUEST', message: '服务ID不存在' };
    const token = `AUTH${randomBytes(12).toString('hex')}`;
    this.applications.set(token, {
      token,
      authorizationCode: code,
      notifyUrl: String(body.notify_url),
      serviceId: String(body.service_id),
      appid: String(body.appid ?? this.ids.appid),
    });
    return { ok: true, token };
  }

  /** The diner opens the service (pages/use/enable agreed). */
  open(openid: string, token?: string): PermissionNotice | { error: string } {
    if (!openid) return { error: 'openid 必填' };
    const application = token ? this.applications.get(token) : undefined;
    if (token && !application) return { error: 'apply_permissions_token 无效' };
    const previous = this.byOpenid.get(openid);
    const at = beijingTime();
    const permission: SandboxPermission = {
      openid,
      authorizationCode: application?.authorizationCode ?? previous?.authorizationCode,
      state: 'AVAILABLE',
      notifyUrl: application?.notifyUrl ?? previous?.notifyUrl ?? this.defaultNotifyUrl(),
      successTime: at,
    };
    this.byOpenid.set(openid, permission);
    return { notifyUrl: permission.notifyUrl, eventType: 'PAYSCORE.USER_OPEN_SERVICE', resource: this.resource(permission, 'USER_OPEN_SERVICE', at) };
  }

  /** The diner closes it (in WeChat's 支付分 settings). */
  close(openid: string): PermissionNotice | { error: string } {
    const permission = this.byOpenid.get(openid);
    if (!permission || permission.state !== 'AVAILABLE') return { error: `${openid} 没有开通的支付分服务` };
    const at = beijingTime();
    permission.state = 'UNAVAILABLE';
    permission.cancelTime = at;
    return { notifyUrl: permission.notifyUrl, eventType: 'PAYSCORE.USER_CLOSE_SERVICE', resource: this.resource(permission, 'USER_CLOSE_SERVICE', at) };
  }

  isAvailable(openid: string): boolean {
    return this.byOpenid.get(openid)?.state === 'AVAILABLE';
  }

  /** GET permissions/openid/{openid}: UNBINDUSER when the diner never opened it. */
  query(openid: string): Record<string, unknown> {
    const permission = this.byOpenid.get(openid);
    return {
      appid: this.ids.appid,
      mchid: this.ids.mchid,
      service_id: this.ids.serviceId,
      openid,
      authorization_state: permission?.state ?? 'UNBINDUSER',
      ...(permission?.authorizationCode ? { authorization_code: permission.authorizationCode } : {}),
      ...(permission?.successTime ? { authorization_success_time: permission.successTime } : {}),
      ...(permission?.cancelTime ? { cancel_authorization_time: permission.cancelTime } : {}),
    };
  }

  list(): SandboxPermission[] {
    return [...this.byOpenid.values()];
  }

  private resource(permission: SandboxPermission, status: string, at: string): Record<string, unknown> {
    return {
      appid: this.ids.appid,
      mchid: this.ids.mchid,
      service_id: this.ids.serviceId,
      openid: permission.openid,
      user_service_status: status,
      openorclose_time: at,
      ...(permission.authorizationCode ? { authorization_code: permission.authorizationCode } : {}),
    };
  }
}
