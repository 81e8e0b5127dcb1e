/**
 * Contract of the `admin` context (stores, devices, staff back office). The function implements it
 * (cloudfunctions/admin/src/index.ts); the mini-program calls it through `api.admin` (type-only).
 */
import { z } from 'zod';
import { idSchema, MANAGER_ROLES, pageInputShape, STAFF_ROLES, type Page, type StaffRole } from './common';
import { action, defineContract, pingSpec, returns } from './contract';

/** Store types: the restaurant of the pilot and seed 004's venues (儿童 / 电玩 / 运动馆). */
export const STORE_TYPES = ['餐厅', '儿童', '电玩', '运动馆'] as const;
export type StoreType = (typeof STORE_TYPES)[number];
/** seed 004 `store_property` */
export const STORE_PROPERTIES = ['直营', '加盟'] as const;
export type StoreProperty = (typeof STORE_PROPERTIES)[number];
export const STORE_STATUSES = ['active', 'closed'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'disabled', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const STAFF_STATUSES = ['active', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** One opening period, Asia/Shanghai wall-clock time; `close` before `open` runs past midnight. */
export interface BusinessHours {
  /** ISO weekdays, 1 = Monday … 7 = Sunday */
  weekdays: number[];
  open: string;
  close: string;
}

export interface StoreContact {
  name: string;
  phone: string;
}

export interface StoreSummary {
  _id: string;
  name: string;
  address: string;
  /** filled where the action counts devices (getStore); absent in lists */
  deviceCount?: number;
}

export interface StoreDetail extends StoreSummary {
  code: string | null;
  phone: string | null;
  /** a stored value outside STORE_TYPES is shown as it is */
  type: string | null;
  property: string | null;
  status: string;
  deviceCount: number;
  businessHours: BusinessHours[];
  contact: StoreContact | null;
  /** cabinets: an order above it is intercepted as abnormal (integer fen); null = the cabinet default */
  amountLimitFen: number | null;
  /** cabinets: gift tickets needed to open with 礼票; null = the cabinet default */
  minTicketBalance: number | null;
  location: { latitude: number; longitude: number } | null;
}

/** What the diner's store picker shows. */
export interface PublicStore {
  _id: string;
  code: string | null;
  name: string;
  address: string;
  businessHours: BusinessHours[];
  /** metres from the given location, when one was given and the store has one */
  distanceM: number | null;
}

export interface InvitationView {
  _id: string;
  role: StaffRole;
  storeIds: string[];
  /** the invitee's name as the inviter wrote it */
  name: string;
  status: InvitationStatus;
  /** the last characters of the code, to tell invitations apart (the code itself is shown once) */
  codeHint: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  bootstrap: boolean;
}

export interface CreatedInvitation extends InvitationView {
  /** shown once: the invitee types it, or scans the share card / QR of `path` */
  code: string;
  /** mini-program page that accepts it (for the share card and the QR) */
  path: string;
}

export interface StaffView {
  _id: string;
  openid: string;
  name: string;
  role: StaffRole;
  storeIds: string[];
  status: StaffStatus;
  createdAt: Date | null;
}

export interface AcceptInvitationReply {
  staff: StaffView;
}

export interface AuditLogView {
  _id: string;
  at: Date | null;
  action: string;
  /** who did it (openid masked to its last 6 characters) and their name when recorded */
  actor: string;
  target: string;
  storeId: string | null;
  summary: string;
}

export type ListMyStoresResult = Page<StoreSummary>;

const text = (max: number) => z.string().trim().min(1).max(max);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');
const phoneSchema = z.string().regex(/^[0-9+\- ]{5,20}$/, '电话只能包含数字、空格、+ 和 -');
export const businessHoursSchema = z
  .object({ weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7), open: hhmm, close: hhmm })
  .strict()
  .refine((h) => h.open !== h.close, { message: '开门与关门时间不能相同', path: ['close'] });

const contactSchema = z.object({ name: text(32), phone: phoneSchema }).strict();
const locationSchema = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).strict();
const storeCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,50}$/, '门店编码只能包含字母、数字、- 和 _（最多 50 个）');
/** The editable store fields, each as the editor sends it. */
const editableStoreFields = {
  name: text(100),
  type: z.enum(STORE_TYPES),
  property: z.enum(STORE_PROPERTIES),
  address: text(200),
  phone: phoneSchema,
  businessHours: z.array(businessHoursSchema).max(14),
  contact: contactSchema.nullable(),
  amountLimitFen: z.number().int().min(1).max(10_000_000).nullable(),
  minTicketBalance: z.number().int().min(0).max(100_000_000).nullable(),
  location: locationSchema.nullable(),
};
export const createStoreSchema = z
  .object({
    ...editableStoreFields,
    code: storeCodeSchema,
    businessHours: editableStoreFields.businessHours.default([]),
    contact: editableStoreFields.contact.default(null),
    amountLimitFen: editableStoreFields.amountLimitFen.default(null),
    minTicketBalance: editableStoreFields.minTicketBalance.default(null),
    location: editableStoreFields.location.default(null),
  })
  .strict();
/** Every field optional; the code is fixed once the store exists (it is printed on its QR codes). */
export const updateStoreSchema = z
  .object({
    storeId: idSchema,
    name: editableStoreFields.name.optional(),
    type: editableStoreFields.type.optional(),
    property: editableStoreFields.property.optional(),
    address: editableStoreFields.address.optional(),
    phone: editableStoreFields.phone.optional(),
    businessHours: editableStoreFields.businessHours.optional(),
    contact: editableStoreFields.contact.optional(),
    amountLimitFen: editableStoreFields.amountLimitFen.optional(),
    minTicketBalance: editableStoreFields.minTicketBalance.optional(),
    location: editableStoreFields.location.optional(),
  })
  .strict();

const storeIdsSchema = z.array(idSchema).max(50);

export const adminContract = defineContract({
  name: 'admin',
  errors: { from: 95, to: 99 },
  actions: {
    ping: pingSpec,
    listMyStores: action({
      summary: '当前员工可管理的门店（管理员：全部）',
      roles: STAFF_ROLES,
      input: z.object(pageInputShape).strict(),
      reply: returns<ListMyStoresResult>(),
    }),
    getStore: action({
      summary: '一个门店及其设备数；按员工的门店范围检查',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: idSchema }).strict(),
      reply: returns<StoreDetail>(),
    }),
    createStore: action({
      summary: '新建门店（管理员）：seed 004 字段、营业时间、联系人',
      roles: ['admin'],
      input: createStoreSchema,
      reply: returns<StoreDetail>(),
    }),
    updateStore: action({
      summary: '修改门店资料（管理员；店长可改自己的门店，不能改归属与状态）',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: updateStoreSchema,
      reply: returns<StoreDetail>(),
    }),
    setStoreStatus: action({
      summary: '关闭或重新开放门店（管理员）；关闭的门店不再出现在顾客的门店选择里',
      roles: ['admin'],
      input: z.object({ storeId: idSchema, status: z.enum(STORE_STATUSES) }).strict(),
      reply: returns<StoreDetail>(),
    }),
    listOpenStores: action({
      summary: '顾客选择门店：营业中的门店，给了位置时按距离排序',
      input: z
        .object({ latitude: z.number().min(-90).max(90).optional(), longitude: z.number().min(-180).max(180).optional(), ...pageInputShape })
        .strict()
        .refine((v) => (v.latitude === undefined) === (v.longitude === undefined), { message: '经纬度要同时提供', path: ['longitude'] }),
      reply: returns<Page<PublicStore>>(),
    }),
    resolveStore: action({
      summary: '扫码得到的门店编码 → 门店（顾客的当前门店）',
      input: z.object({ code: storeCodeSchema }).strict(),
      reply: returns<PublicStore>(),
    }),
    createInvitation: action({
      summary: '邀请员工：角色与门店（管理员；店长只能邀请店长/店员到自己的门店）；邀请码只显示这一次',
      roles: MANAGER_ROLES,
      input: z
        .object({ role: z.enum(STAFF_ROLES), storeIds: storeIdsSchema, name: text(32), validDays: z.number().int().min(1).max(30).default(7) })
        .strict()
        .refine((v) => v.role === 'admin' || v.storeIds.length > 0, { message: '店长和店员至少要有一个门店', path: ['storeIds'] }),
      reply: returns<CreatedInvitation>(),
    }),
    acceptInvitation: action({
      summary: '受邀人打开或扫码邀请，按 openid 绑定为员工（邀请码只能用一次）',
      input: z.object({ code: z.string().trim().min(6).max(32) }).strict(),
      reply: returns<AcceptInvitationReply>(),
    }),
    listInvitations: action({
      summary: '邀请列表，新的在前（管理员：全部；店长：涉及自己门店的）',
      roles: MANAGER_ROLES,
      input: z.object({ status: z.enum(INVITATION_STATUSES).optional(), ...pageInputShape }).strict(),
      reply: returns<Page<InvitationView>>(),
    }),
    disableInvitation: action({
      summary: '作废一个未使用的邀请',
      roles: MANAGER_ROLES,
      input: z.object({ invitationId: idSchema }).strict(),
      reply: returns<InvitationView>(),
    }),
    listStaff: action({
      summary: '员工列表（管理员：全部；店长：自己门店的）',
      roles: MANAGER_ROLES,
      input: z.object({ storeId: idSchema.optional(), ...pageInputShape }).strict(),
      reply: returns<Page<StaffView>>(),
    }),
    updateStaff: action({
      summary: '修改员工的角色、门店或停用/恢复（不能改自己；店长只能管自己门店的店长/店员）',
      roles: MANAGER_ROLES,
      input: z
        .object({ staffId: idSchema, role: z.enum(STAFF_ROLES).optional(), storeIds: storeIdsSchema.optional(), status: z.enum(STAFF_STATUSES).optional() })
        .strict()
        .refine((v) => v.role !== undefined || v.storeIds !== undefined || v.status !== undefined, { message: '没有要修改的内容', path: ['staffId'] }),
      reply: returns<StaffView>(),
    }),
    listAuditLogs: action({
      summary: '审计日志，新的在前（管理员）；可按门店或动作前缀（如 payment.）筛选',
      roles: ['admin'],
      input: z
        .object({
          storeId: idSchema.optional(),
          actionPrefix: z
            .string()
            .regex(/^[\w.]{1,64}$/, '动作名只能包含字母、数字、_ 和 .')
            .optional(),
          ...pageInputShape,
        })
        .strict(),
      reply: returns<Page<AuditLogView>>(),
    }),
  },
});
export type AdminContract = typeof adminContract;
export type ListMyStoresInput = z.input<typeof adminContract.actions.listMyStores.input>;
export type GetStoreInput = z.input<typeof adminContract.actions.getStore.input>;
export type CreateStoreInput = z.input<typeof adminContract.actions.createStore.input>;
export type UpdateStoreInput = z.input<typeof adminContract.actions.updateStore.input>;
export type CreateInvitationInput = z.input<typeof adminContract.actions.createInvitation.input>;
export type UpdateStaffInput = z.input<typeof adminContract.actions.updateStaff.input>;
